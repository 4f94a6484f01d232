"""The places on the programme's pages where apps above add their sections (`committee.kernel.pages`)."""

from committee.kernel.pages import Sections

session_main = Sections("the session page's main column, after its agendas and programme")
session_side = Sections("the session page's side column, before its documents and bureau")
committee_main = Sections("the committee page's main column, after its sessions")
committee_setup = Sections("the secretariat's set-up links on the committee page, after its own")
