-- The version of the role classifier that last labelled the stored jobs (RoleClassifier.Version). A node that starts
-- with a different classifier reclassifies every job (RoleReclassifier) and then records its version here, so one
-- classifier change is applied once, by one node.
create table if not exists classifier_state (
    id boolean primary key default true check (id),
    version text not null,
    reclassified_at timestamptz not null
);
