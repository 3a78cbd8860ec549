"""notebooks/quickstart.ipynb runs top to bottom, offline, in a kernel of this interpreter.

Needs the ``[notebook]`` extra (nbclient, nbformat, ipykernel, matplotlib); skipped without it.
The notebook is kept in the repository without outputs; this test executes an in-memory copy
and never writes the notebook back.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "quickstart.ipynb"
_EXTRA = 'the [notebook] extra is not installed (pip install -e ".[notebook]")'


def _read():
    nbformat = pytest.importorskip("nbformat", reason=_EXTRA)
    return nbformat.read(NOTEBOOK, as_version=4)


def test_notebook_is_stored_without_outputs():
    nb = _read()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "the notebook has no code cells"
    for cell in code:
        assert cell.outputs == [], f"cell {cell.id} is saved with outputs: clear them"
        assert cell.execution_count is None, f"cell {cell.id} is saved with an execution count"


def test_notebook_uses_the_bundled_corpus_not_absolute_paths():
    source = "\n".join(c.source for c in _read().cells if c.cell_type == "code")
    assert 'bundled_corpus("kk")' in source and 'bundled_corpus("az")' in source
    assert not re.search(r"""["'](/|[A-Za-z]:\\)""", source), "hard-coded absolute path"


@pytest.fixture
def isolated_kernel(tmp_path, monkeypatch) -> Path:
    """Return a scratch folder; the ``python3`` kernel started from here runs this interpreter.

    A kernelspec on ``JUPYTER_PATH`` (searched before the user's and the system's) pins the
    kernel to ``sys.executable``, so that a ``python3`` kernel registered elsewhere on the
    machine cannot be picked up instead. IPython's profile, Jupyter's runtime files and the
    notebook's ``tempfile`` output all go under ``tmp_path``.
    """
    for module in ("nbclient", "ipykernel", "matplotlib"):
        pytest.importorskip(module, reason=_EXTRA)
    spec_dir = tmp_path / "jupyter" / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (treaty-align tests)",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # the kernel's tempfile.mkdtemp() lands here
    work = tmp_path / "work"
    work.mkdir()
    return work


def _outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _text(output) -> str:
    if output.output_type == "stream":
        return output.text
    return output.get("data", {}).get("text/plain", "")


def test_quickstart_runs_top_to_bottom(isolated_kernel, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    nb = _read()
    # one extra cell, in memory only: which interpreter did the kernel run?
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.executable)"))
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        allow_errors=False,  # any failing cell raises CellExecutionError with its traceback
        resources={"metadata": {"path": str(isolated_kernel)}},
    )
    client.execute()

    outputs = _outputs(nb)
    assert not [o for o in outputs if o.output_type == "error"]
    assert Path(nb.cells[-1].outputs[0].text.strip()) == Path(sys.executable)

    html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    # DataFrames rendered as pandas HTML tables (the treaty segments, records, findings)
    frames = [h for h in html if 'class="dataframe' in h]
    assert len(frames) >= 4, f"expected the DataFrame tables, got {len(frames)}"
    art_10_4 = [h for h in frames if "art10.p4" in h and "actor" in h]
    assert art_10_4, "the Art. 10(4) finding is not shown"
    # the Comparison rendered itself through _repr_html_
    assert any('class="treaty-align-comparison"' in h for h in html)
    # the plot of alignment scores by article
    assert any("image/png" in o.get("data", {}) for o in outputs), "no plot image"

    # the HTML report was written into the (redirected) temporary folder
    wrote = [m for o in outputs for m in re.findall(r"wrote (\S+report\.html)", _text(o))]
    assert len(wrote) == 1, wrote
    report = Path(wrote[0])
    assert report.is_file() and tmp_path in report.parents
    assert 'id="art-10"' in report.read_text(encoding="utf-8")
