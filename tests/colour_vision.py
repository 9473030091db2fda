"""Colour-vision deficiency simulation (Machado, Oliveira and Fernandes 2009, severity 1.0) and CIE76 distances."""

from __future__ import annotations

# Matrices on linear RGB, from Machado et al. (2009), "A physiologically-based model for simulation of color vision
# deficiency", IEEE TVCG 15(6), table for severity 1.0.
MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def _linear(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)  # type: ignore


def simulate(hex_colour: str, deficiency: str | None) -> tuple[float, float, float]:
    """Linear RGB of the colour as seen with the deficiency (None: normal vision)."""
    rgb = _linear(hex_colour)
    if deficiency is None:
        return rgb
    matrix = MACHADO[deficiency]
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix)  # type: ignore


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def distance(first: str, second: str, deficiency: str | None) -> float:
    """CIE76 colour difference between two colours as seen with the deficiency."""
    a, b = _lab(simulate(first, deficiency)), _lab(simulate(second, deficiency))
    return sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5
