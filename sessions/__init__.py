"""The domain of Facilitator and its storage.

Plain Python: no Textual, no Word, no QR codes. The CLI and the TUI both call it,
and so could any script.
"""
