"""Interview scheduling: recruiters book interviewers' free slots for candidates."""
