-- Web Push: each clinician's devices (PushSubscription as JSON: endpoint, keys, device label), and on a push
-- notification the browser's keys it is encrypted for, copied in like the address, so a page in flight is not
-- redirected by a change of devices.
alter table contact_point add column push jsonb not null default '[]';
alter table notification add column push_p256dh varchar(100);
alter table notification add column push_auth varchar(40);
