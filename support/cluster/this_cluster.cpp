// SPDX-License-Identifier: Apache-2.0
#include "cluster/cluster.hpp"
#include "cluster/single_process.hpp"

#ifdef ZKLOAD_WITH_MPI
#include "cluster/mpi_cluster.hpp"
#endif

#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace zkload::cluster {
namespace {

std::unique_ptr<Cluster> g_cluster;
std::once_flag g_once;

#ifdef ZKLOAD_WITH_MPI
bool g_mpi_started = false;

/// Open MPI's mpirun, and the PMIx or PMI of srun, set these in every rank they start.
bool launched_by_mpi()
{
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"})
        if (std::getenv(name) != nullptr)
            return true;
    return false;
}
#endif

}  // namespace

bool built_with_mpi()
{
#ifdef ZKLOAD_WITH_MPI
    return true;
#else
    return false;
#endif
}

Cluster& this_cluster()
{
    std::call_once(g_once, [] {
#ifdef ZKLOAD_WITH_MPI
        if (launched_by_mpi())
        {
            int provided = 0;
            MPI_Init_thread(nullptr, nullptr, MPI_THREAD_MULTIPLE, &provided);
            g_mpi_started = true;
            if (provided < MPI_THREAD_MULTIPLE)
                throw std::runtime_error("this MPI library does not let several threads call it "
                                         "(MPI_THREAD_MULTIPLE), which the block relay needs: use Open MPI 4.1 "
                                         "as Debian ships it");
            g_cluster = std::make_unique<MpiCluster>(MPI_COMM_WORLD);
            return;
        }
#endif
        g_cluster = std::make_unique<SingleProcess>();
    });
    return *g_cluster;
}

void end_job(int code)
{
#ifdef ZKLOAD_WITH_MPI
    if (g_mpi_started && g_cluster && g_cluster->size() > 1)
        MPI_Abort(MPI_COMM_WORLD, code);
#else
    (void)code;
#endif
}

void finish_cluster()
{
#ifdef ZKLOAD_WITH_MPI
    if (g_mpi_started)
    {
        g_cluster.reset();
        int finalized = 0;
        MPI_Finalized(&finalized);
        if (!finalized)
            MPI_Finalize();
    }
#endif
}

}  // namespace zkload::cluster
