// SPDX-License-Identifier: Apache-2.0
#include "cluster/mpi_cluster.hpp"

#include <limits>
#include <stdexcept>

namespace zkload::cluster {
namespace {

int checked_count(size_t n)
{
    if (n > static_cast<size_t>(std::numeric_limits<int>::max()))
        throw std::length_error("a message between ranks exceeds 2 GiB");
    return static_cast<int>(n);
}

}  // namespace

MpiCluster::MpiCluster(MPI_Comm communicator) : communicator_(communicator)
{
    MPI_Comm_rank(communicator_, &rank_);
    MPI_Comm_size(communicator_, &size_);
    char name[MPI_MAX_PROCESSOR_NAME] = {};
    int length = 0;
    MPI_Get_processor_name(name, &length);
    host_.assign(name, static_cast<size_t>(length));
}

MpiCluster::~MpiCluster()
{
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (communicator_ != MPI_COMM_WORLD && !finalized)
        MPI_Comm_free(&communicator_);
}

void MpiCluster::barrier() { MPI_Barrier(communicator_); }

bool MpiCluster::all(bool mine)
{
    int in = mine ? 1 : 0;
    int out = 0;
    MPI_Allreduce(&in, &out, 1, MPI_INT, MPI_LAND, communicator_);
    return out != 0;
}

Bytes MpiCluster::broadcast(const Bytes& from_root)
{
    unsigned long long length = rank_ == 0 ? from_root.size() : 0;
    MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG_LONG, 0, communicator_);
    Bytes out = rank_ == 0 ? from_root : Bytes(static_cast<size_t>(length));
    if (length > 0)
        MPI_Bcast(out.data(), checked_count(out.size()), MPI_BYTE, 0, communicator_);
    return out;
}

std::vector<Bytes> MpiCluster::gather(const Bytes& mine)
{
    const int length = checked_count(mine.size());
    std::vector<int> lengths(rank_ == 0 ? static_cast<size_t>(size_) : 0);
    MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, communicator_);
    std::vector<int> offsets(lengths.size());
    size_t total = 0;
    for (size_t i = 0; i < lengths.size(); ++i)
    {
        offsets[i] = checked_count(total);
        total += static_cast<size_t>(lengths[i]);
    }
    Bytes all(total);
    MPI_Gatherv(mine.data(), length, MPI_BYTE, all.data(), lengths.data(), offsets.data(), MPI_BYTE, 0,
                communicator_);
    std::vector<Bytes> out;
    for (size_t i = 0; i < lengths.size(); ++i)
        out.emplace_back(all.begin() + offsets[i], all.begin() + offsets[i] + lengths[i]);
    return out;
}

std::unique_ptr<Cluster> MpiCluster::side_channel()
{
    MPI_Comm copy = MPI_COMM_NULL;
    MPI_Comm_dup(communicator_, &copy);
    return std::make_unique<MpiCluster>(copy);
}

}  // namespace zkload::cluster
