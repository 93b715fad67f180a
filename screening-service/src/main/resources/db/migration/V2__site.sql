-- Every screening belongs to the site of the patient it screens; screenings from before sites belong to the
-- installation's default site.
alter table screening add column site varchar(40) not null default '${default_site}';
alter table screening alter column site drop default;
