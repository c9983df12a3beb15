# SPDX-License-Identifier: Apache-2.0
"""Medians, noise and the two-sided Mann-Whitney U test over repetitions."""
import math
import statistics

# Below this many repetitions per side a U test cannot find a shift reliably (with 3 against 3
# its smallest two-sided p is 0.1), so p-values are shown but do not decide a regression.
MIN_REPETITIONS_FOR_U_TEST = 9

_mannwhitneyu = []


def mannwhitneyu():
    """scipy's test, imported on first use (importing scipy.stats takes a second or more), or
    None when python3-scipy is missing: compare still works, without p-values."""
    if not _mannwhitneyu:
        try:
            from scipy.stats import mannwhitneyu as test
        except ImportError:
            test = None
        _mannwhitneyu.append(test)
    return _mannwhitneyu[0]


def finite(values):
    return [v for v in values if v is not None and not math.isnan(v)]


def median(values):
    values = finite(values)
    return statistics.median(values) if values else None


def coefficient_of_variation(values):
    values = [v for v in finite(values) if not math.isinf(v)]
    if len(values) < 2:
        return None
    mean = statistics.fmean(values)
    return statistics.stdev(values) / abs(mean) if mean else None


def u_test(old, new):
    """The two-sided p-value of a Mann-Whitney U test, or None when it cannot be computed
    (fewer than 2 values on a side, or scipy missing)."""
    old, new = finite(old), finite(new)
    if len(old) < 2 or len(new) < 2 or mannwhitneyu() is None:
        return None
    if len(set(old) | set(new)) == 1:
        return 1.0  # all equal: no evidence of any shift
    return float(mannwhitneyu()(old, new, alternative="two-sided").pvalue)
