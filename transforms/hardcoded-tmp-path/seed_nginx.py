# The secure-temp-file guide's example (test_nginx_generation.py): it must
# come out as the guide's AFTER block (mkdtemp with a prefix from the old
# name, Path(temp_dir), try/finally with shutil.rmtree(..., ignore_errors=True)).
from pathlib import Path


# expect: TMP002 safe
def test_nginx_generation():
    test_dir = Path("/tmp/test_nginx")
    test_dir.mkdir(exist_ok=True)
    (test_dir / "nginx.conf").write_text("server {}")
    assert (test_dir / "nginx.conf").exists()
