"""Formulas drawn as SVG for the PDF, whose engine shows no MathML, each drawn once and kept.

ziamath (pure Python, with its own math font) draws math-core's MathML. Drawing costs a few
milliseconds a formula, so drawings are kept in the user's cache folder, under a key made of the
formula, the size and ziamath's version.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from qapress import formulas
from qapress.flavours import Flavour
from qapress.render import cache as kept
from qapress.render import paths

SIZE = 11.2
"""Pixels per em of the drawings: the sheet's 8.4 pt text."""
_MATHML = '<math xmlns="http://www.w3.org/1998/Math/MathML"'


def pdf_math(tex: str, display: bool) -> str:
    """Return a formula as an inline SVG picture on the text's baseline, or as code."""
    from markdown_it.common.utils import escapeHtml

    drawn = drawing(tex, display)
    if drawn is None:
        return f'<code class="math-error">{escapeHtml(tex)}</code>'
    svg, baseline = drawn
    data = base64.b64encode(svg.encode()).decode("ascii")
    # The TeX is the picture's description, for tagged PDF readers; it is not part of the text.
    alt = escapeHtml(tex.strip())
    return (
        f'<img class="formula" src="data:image/svg+xml;base64,{data}" alt="{alt}" '
        f'style="vertical-align: {baseline:.2f}px">'
    )


PDF = Flavour("pdf", pdf_math, f"{paths.MEDIA_DIR}/")
"""The print page's flavour for the PDF: formulas drawn, pictures from ``print/media/``."""


@cache
def drawing(tex: str, display: bool) -> tuple[str, float] | None:
    """Return the SVG of a formula and its baseline's offset in pixels, or None if none can be drawn."""
    mathml = formulas.mathml(tex, display)
    if mathml is None:
        return None
    import ziamath
    from ziamath.zmath import Math

    key = hashlib.blake2b(f"{ziamath.__version__}\x1f{SIZE}\x1f{mathml}".encode(), digest_size=16)
    entry = kept.folder("formulas") / f"{key.hexdigest()}.svg"
    found = kept.read(entry)
    if found is not None and "\n" in found:
        baseline, svg = found.split("\n", 1)
        return svg, float(baseline)
    try:
        math = Math(mathml.replace("<math", _MATHML, 1), size=SIZE)
        svg, offset = math.svg(), float(math.getyofst())
    except Exception:  # noqa: BLE001 - a formula ziamath cannot draw is shown as code, not lost
        return None
    kept.write(entry, f"{offset}\n{svg}")
    return svg, offset
