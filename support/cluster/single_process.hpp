// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cluster/cluster.hpp"

namespace zkload::cluster {

/// A run of one process: every collective returns at once with this process's own data.
class SingleProcess final : public Cluster
{
public:
    SingleProcess();
    int rank() const override { return 0; }
    int size() const override { return 1; }
    const std::string& host() const override { return host_; }
    void barrier() override {}
    bool all(bool mine) override { return mine; }
    Bytes broadcast(const Bytes& from_root) override { return from_root; }
    std::vector<Bytes> gather(const Bytes& mine) override { return {mine}; }
    std::unique_ptr<Cluster> side_channel() override { return std::make_unique<SingleProcess>(); }

private:
    std::string host_;
};

}  // namespace zkload::cluster
