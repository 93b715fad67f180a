-- Every alert belongs to its patient's site, and so does each entry of the change feed, so that a stream gives a
-- clinician only their sites' changes. Alerts and changes from before sites belong to the default site.
alter table alert add column site varchar(40) not null default '${default_site}';
alter table alert alter column site drop default;
alter table alert_change add column site varchar(40) not null default '${default_site}';
alter table alert_change alter column site drop default;
