"""The session report: gather the session's data, then build the Word document from it."""

from documents.report.builder import build_session_report
from documents.report.data import SessionReportData, collect_session_report_data

__all__ = ["SessionReportData", "build_session_report", "collect_session_report_data"]
