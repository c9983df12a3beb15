# SPDX-License-Identifier: Apache-2.0
"""Reading, comparing and plotting zkload's Google Benchmark JSON results (tools/compare,
tools/report). Standard library plus Debian's python3-scipy and python3-matplotlib only."""
