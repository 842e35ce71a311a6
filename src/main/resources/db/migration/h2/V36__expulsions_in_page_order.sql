-- Issue 12: a page of one state's expulsions (GET /api/v1/expulsions?state=, by=, against=) sorted every expulsion of
-- the state valid at the point (5,000 at a million events) to keep the 50 newest, and counted them reading each row.
-- These indexes hold a side of the state (the expulsions it declared, those against its staff) in the page's order,
-- effective date newest first, then presence and id: the page is read from the point's day backwards and stops at
-- its last row (presence/projection/ExpulsionsInOrder). Their last columns are the version's validity, so that the
-- page's total is counted from the index alone, without reading the rows. ix_expulsions_expulsion_against was a
-- prefix of the second.
CREATE INDEX ix_expulsions_expulsion_by_order ON expulsions_expulsion (slot, declared_by, effective_date DESC, presence_id,
    expulsion_id, against, valid_from, valid_to, valid_to_recorded, recorded_from, recorded_to);
CREATE INDEX ix_expulsions_expulsion_against_order ON expulsions_expulsion (slot, against, effective_date DESC, presence_id,
    expulsion_id, declared_by, valid_from, valid_to, valid_to_recorded, recorded_from, recorded_to);
DROP INDEX ix_expulsions_expulsion_against;
