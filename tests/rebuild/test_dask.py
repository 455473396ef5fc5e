"""``rebuild --dask``: the shards run on a real Dask cluster (a scheduler and two worker processes on loopback)
and the archive comes out as the local process pool makes it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from crawler.errors import ExitCode
from tests.fixtures.dask import DaskCluster
from tests.crawl.runs import clean_env
from tests.rebuild.archives import DERIVED, assert_same, copy_archive, datasets, rebuild_command, run_rebuild
from tests.rebuild.test_run import summary


def test_rebuild_on_a_dask_cluster_gives_the_datasets_of_the_local_pool(
        crawled_small: Path, small_mirror: Path, dask_cluster: DaskCluster, tmp_path: Path) -> None:
    local, cluster = copy_archive(crawled_small, tmp_path / "local"), copy_archive(crawled_small, tmp_path / "dask")
    pooled = run_rebuild(local, small_mirror, "--workers", "2", "--shard-size", "40")
    assert pooled.returncode == ExitCode.OK, pooled.stderr[-3000:]
    result = run_rebuild(cluster, small_mirror, "--dask", dask_cluster.scheduler_address, "--shard-size", "40")
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    done = summary(result)
    assert done["shards"] == done["shards_derived_now"] >= 4 and done["failures"] == 0
    assert dask_cluster.tasks_done("derive_shard") == done["shards"]  # every shard ran on the cluster's workers
    assert dask_cluster.worker_processes() == 2
    names = (*DERIVED, "se_links", "errors")
    assert_same(datasets(local, names), datasets(cluster, names))


def test_an_unreachable_scheduler_is_a_configuration_error(crawled_small: Path, small_mirror: Path,
                                                           tmp_path: Path) -> None:
    from tests.fixtures.redis import free_port

    output = copy_archive(crawled_small, tmp_path / "copy")
    env = {**clean_env(), "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    result = subprocess.run(rebuild_command(output, small_mirror, "--dask", f"tcp://127.0.0.1:{free_port()}"),
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == ExitCode.CONFIG, result.stderr[-3000:]
    assert "cannot reach the Dask scheduler" in result.stderr
