"""timeline: an event-sourced timeline of diplomatic news.

Articles are read, rule files turn them into observations, observations are appended to
an event log, and the timeline is a pure replay of that log emitted as iCal, Markdown,
PNG and JSON.
"""

__version__ = "0.1.0"
