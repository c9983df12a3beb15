// SPDX-License-Identifier: Apache-2.0
// Compiled only when zkload is built with MPI (ZKLOAD_WITH_MPI).
#pragma once

#include "cluster/cluster.hpp"

#include <mpi.h>

namespace zkload::cluster {

/// The ranks of an MPI communicator. Errors are fatal (MPI's default): a rank that dies ends
/// the job, and the launcher names the rank and its host.
class MpiCluster final : public Cluster
{
public:
    /// `communicator` is owned (freed) unless it is MPI_COMM_WORLD.
    explicit MpiCluster(MPI_Comm communicator);
    ~MpiCluster() override;
    MpiCluster(const MpiCluster&) = delete;
    MpiCluster& operator=(const MpiCluster&) = delete;

    int rank() const override { return rank_; }
    int size() const override { return size_; }
    const std::string& host() const override { return host_; }
    void barrier() override;
    bool all(bool mine) override;
    Bytes broadcast(const Bytes& from_root) override;
    std::vector<Bytes> gather(const Bytes& mine) override;
    std::unique_ptr<Cluster> side_channel() override;

private:
    MPI_Comm communicator_;
    int rank_ = 0;
    int size_ = 1;
    std::string host_;
};

}  // namespace zkload::cluster
