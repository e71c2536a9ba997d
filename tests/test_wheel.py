"""The built wheel carries templates/ and the examples, found through importlib.resources."""

from __future__ import annotations

import os
import pathlib
import site
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_wheel_ships_templates_and_runs_from_a_fresh_venv(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(dist), str(ROOT)], check=True, capture_output=True)
    (wheel,) = dist.glob("lawdiff-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("show.md.j2", "diff.md.j2", "viewer.html.j2", "viewer.css", "viewer.js", "compare.html.j2", "compare.css"):
        assert f"lawdiff/templates/{name}" in names
    assert "lawdiff/examples/surveillance-act-amended.clml.xml" in names
    assert "lawdiff/schemas/diff.schema.json" in names
    assert "lawdiff/examples/surveillance-act.clml.xml" in names
    assert "lawdiff/schemas/document.schema.json" in names
    venv = tmp_path / "venv"
    py = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # Dependencies come from the environment running the tests, whether that is a venv or a
    # system install (--system-site-packages would see the base interpreter's, not a venv's):
    # its site-packages are listed in a .pth, after the new venv's own, so lawdiff itself is
    # only ever the wheel's (and the test environment's own .pth files, such as an editable
    # install's, are not run).
    ours = [p for p in (*site.getsitepackages(), site.getusersitepackages()) if os.path.isdir(p)]
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    (pathlib.Path(purelib) / "lawdiff-test-dependencies.pth").write_text("\n".join(ours) + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
                   check=True, capture_output=True)
    result = subprocess.run(
        [str(py), "-c", "import lawdiff, sys; print(lawdiff.__file__);"
                        "from lawdiff.cli import main; main(['show', 'example:surveillance-act', 's. 2(2)',"
                        " '--format', 'markdown'])"],
        cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first, *rest = result.stdout.splitlines()
    assert str(venv) in first  # the installed copy, not the source tree
    assert rest[0].startswith("**Communications Oversight (Example) Act 2026, s. 2(2)**")
    # The main job, from the installed copy: the PDF is laid out with the wheel's templates.
    pdf = tmp_path / "briefing.pdf"
    result = subprocess.run([str(venv / "bin" / "lawdiff"), "compare", "example:surveillance-act",
                             "example:surveillance-act-amended", "-o", str(pdf), "--date", "2026-11-29"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
