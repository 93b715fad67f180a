-- Every patient, session and band belongs to a site: the site of the patient's latest screening. Records from before
-- sites belong to the installation's default site.
alter table patient_eligibility add column site varchar(40) not null default '${default_site}';
alter table patient_eligibility alter column site drop default;
alter table training_session add column site varchar(40) not null default '${default_site}';
alter table training_session alter column site drop default;
alter table band add column site varchar(40) not null default '${default_site}';
alter table band alter column site drop default;
