"""notebooks/collection.ipynb runs top to bottom, offline, like the quickstart (same kernel setup).

Needs the ``[notebook]`` extra; skipped without it. The notebook is stored without outputs and
executed from an in-memory copy.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_notebook import _outputs, _text, isolated_kernel  # noqa: F401  (fixture)

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "collection.ipynb"
_EXTRA = 'the [notebook] extra is not installed (pip install -e ".[notebook]")'


def _read():
    nbformat = pytest.importorskip("nbformat", reason=_EXTRA)
    return nbformat.read(NOTEBOOK, as_version=4)


def test_collection_notebook_is_stored_without_outputs_or_absolute_paths():
    nb = _read()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    source = "\n".join(c.source for c in code)
    assert not re.search(r"""["'](/|[A-Za-z]:\\)""", source), "hard-coded absolute path"


def test_collection_notebook_runs_top_to_bottom(isolated_kernel, tmp_path):  # noqa: F811
    from nbclient import NotebookClient

    nb = _read()
    client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(isolated_kernel)}})
    client.execute()
    outputs = _outputs(nb)
    text = "\n".join(_text(o) for o in outputs)
    assert "4 document(s): 3 done, 1 failed, 0 skipped" in text
    assert "failed: ['one-version']" in text
    html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    frames = [h for h in html if 'class="dataframe' in h]
    assert len(frames) >= 4
    added = re.search(r"findings the planted acts add: (.*)", text).group(1)
    assert "('planted-period', 'numbers')" in added
    assert "('planted-reference', 'crossref')" in added
    assert "as-signed" not in added
    assert any("image/png" in o.get("data", {}) for o in outputs), "no plot"
    page = re.search(r"collection page: (\S+index\.html)", text)
    assert page and tmp_path in Path(page.group(1)).parents
    assert 'href="reports/planted-period.html"' in Path(page.group(1)).read_text(encoding="utf-8")
