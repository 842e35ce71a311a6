-- The headcount and open-missions trends read the versions of staffing_presence and staffing_mission, each month or
-- year-end on its own day, as the ledger knew it at knownAt: the per-event change rows they were summed from go.
DROP TABLE staffing_headcount_change;
DROP TABLE staffing_mission_status_change;
