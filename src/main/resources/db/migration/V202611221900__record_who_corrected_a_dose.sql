-- Why: the center manager corrects a dose record from the console (issue #5), and the person's page
-- shows the history "original -> correction, who, when, why". The correction row copies the
-- original's vaccinator (who gave the dose), so who made the correction needs its own column;
-- "when" is the correction row's created_at. Null for records that are not corrections.
alter table dose_records add column corrected_by bigint references staff_users;
alter table dose_records add constraint dose_records_correction_has_author
    check (corrects_id is null or corrected_by is not null) not valid;
