"""The place on the proceedings page where apps above add their sections (`committee.kernel.pages`)."""

from committee.kernel.pages import Sections

proceedings_main = Sections("the proceedings page, after the procedural steps: how each text was adopted")
