// SPDX-License-Identifier: Apache-2.0
// Helper for devnet_test: starts a Devnet, prints anvil's pid and the log path on stdout, then
// waits (bounded) to be killed, so the test can check that anvil does not outlive a parent that
// dies by SIGKILL (and remove the log the killed holder cannot).
#include "process/devnet.hpp"

#include <chrono>
#include <exception>
#include <iostream>
#include <thread>

namespace {

constexpr auto kHoldFor = std::chrono::seconds(60);

}  // namespace

int main()
{
    try
    {
        zkload::Devnet devnet = zkload::Devnet::start(zkload::DevnetOptions{});
        std::cout << devnet.pid() << ' ' << devnet.log_path().string() << std::endl;
        std::this_thread::sleep_for(kHoldFor);
        return 0;
    }
    catch (const std::exception& e)
    {
        std::cerr << "devnet holder: " << e.what() << std::endl;
        return 1;
    }
}
