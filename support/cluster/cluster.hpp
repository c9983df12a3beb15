// SPDX-License-Identifier: Apache-2.0
// The processes of one run: a single process, or the ranks of an MPI job (mpirun, srun, Kubernetes'
// MPI Operator), which run the same rows on shards of the pool and of the offered load. Nothing
// here knows what a row is: it moves bytes between ranks.
#pragma once

#include "codec/bytes.hpp"

#include <memory>
#include <string>
#include <vector>

namespace zkload::cluster {

class Cluster
{
public:
    virtual ~Cluster() = default;

    /// This process's rank (0 prepares the pool and writes the results) and how many there are.
    virtual int rank() const = 0;
    virtual int size() const = 0;
    /// The host this rank runs on, as MPI names it.
    virtual const std::string& host() const = 0;

    /// Returns once every rank has called it.
    virtual void barrier() = 0;
    /// Whether `mine` is true on every rank (every rank gets the same answer).
    virtual bool all(bool mine) = 0;
    /// Rank 0's bytes, on every rank (what the others pass is ignored).
    virtual Bytes broadcast(const Bytes& from_root) = 0;
    /// On rank 0, every rank's bytes in rank order; on the others, nothing.
    virtual std::vector<Bytes> gather(const Bytes& mine) = 0;

    /// The same operations on a channel of their own, for a thread that talks to the other ranks
    /// while the calling thread does too (the block relay during a row).
    virtual std::unique_ptr<Cluster> side_channel() = 0;
};

/// The process's cluster: the MPI world when zkload was built with MPI and started by an MPI
/// launcher (mpirun, srun), else a cluster of one. The first call initializes MPI (asking for
/// threads that all may call it); it throws std::runtime_error naming what is missing when the
/// library cannot give that.
Cluster& this_cluster();

/// Whether zkload was built with MPI.
bool built_with_mpi();

/// For a rank that stops early on an error while the others may be waiting for it in a collective
/// operation: ends every rank of the job with `code` (MPI_Abort; the launcher exits non-zero).
/// Returns, doing nothing, in a process alone.
void end_job(int code);

/// Ends MPI where this_cluster() started it (at exit); nothing otherwise.
void finish_cluster();

}  // namespace zkload::cluster
