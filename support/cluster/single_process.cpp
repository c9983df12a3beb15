// SPDX-License-Identifier: Apache-2.0
#include "cluster/single_process.hpp"

#include <unistd.h>

namespace zkload::cluster {

SingleProcess::SingleProcess()
{
    char name[256] = {};
    host_ = gethostname(name, sizeof(name) - 1) == 0 ? name : "localhost";
}

}  // namespace zkload::cluster
