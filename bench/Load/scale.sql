-- Scales a freshly migrated and demo-seeded PostgreSQL database (./aftersales migrate + seed-demo) to a company of
-- 2,000 technicians in 20 regions with a year of history. Server-side INSERT … SELECT over generate_series: no row
-- crosses the wire, so it runs in minutes. Fixture data, written straight into the tables: not audited, not through
-- the domain (what the load measures is the app's reading and writing, not this loading).
--   psql -v techs=2000 -v regions=20 -v days=365 -v pos_minutes=30 -f bench/Load/scale.sql DATABASE
-- Every new user has the demo password (Demo@2026): the password hash of tech01 / fj.manager is copied.
-- Names: technicians tech0011 … tech2000 (tech01 … tech10 are the demo's), managers r03.manager … r20.manager.
\set ON_ERROR_STOP on
\if :{?techs} \else \set techs 2000 \endif
\if :{?regions} \else \set regions 20 \endif
\if :{?days} \else \set days 365 \endif
\if :{?pos_minutes} \else \set pos_minutes 30 \endif
\timing on
SET synchronous_commit = off;
SET TIME ZONE 'Asia/Shanghai';

BEGIN;
-- Regions 3 … N, each with a manager, a deputy and a store keeper (staff 100 + 3 (r - 3) + k).
INSERT INTO "Regions" ("Id", "Code", "Name", "City", "ManagerId", "DeputyManagerId", "Version")
SELECT r, 'R' || lpad(r::text, 2, '0'), '第' || r || '区', '城市' || r, NULL, NULL, 0
FROM generate_series(3, :regions) r;

INSERT INTO "Staff" ("Id", "StaffNumber", "Name", "Phone", "Role", "RegionId", "ManagerId", "SkillLevel", "HireDate", "IsActive", "Version", "MonthlySalary")
SELECT 100 + 3 * (r - 3) + k, 'M' || lpad((100 + 3 * (r - 3) + k)::text, 5, '0'),
       (ARRAY['区域经理', '副经理', '库管'])[k + 1] || r, '136' || lpad((100 + 3 * (r - 3) + k)::text, 8, '0'),
       (ARRAY['RegionalManager', 'DeputyManager', 'Store'])[k + 1], r, CASE k WHEN 0 THEN 2 ELSE 100 + 3 * (r - 3) END,
       1, DATE '2023-01-01' + r, true, 0, (ARRAY[15000, 11000, 5000])[k + 1]
FROM generate_series(3, :regions) r, generate_series(0, 2) k;
UPDATE "Regions" SET "ManagerId" = 100 + 3 * ("Id" - 3), "DeputyManagerId" = 101 + 3 * ("Id" - 3) WHERE "Id" >= 3;

-- Technicians: the demo's 10 plus techs - 10 new ones (staff 1000 + n), spread evenly over the regions.
CREATE TEMP TABLE tech AS
SELECT n, 1000 + n AS id, 1 + (n - 1) % :regions AS region
FROM generate_series(1, :techs - 10) n;
CREATE TEMP TABLE region_manager AS
SELECT "Id" AS region, "ManagerId" AS manager, 22 + ("Id" % 5) * 1.2 AS lat, 108 + ("Id" / 5) * 2.5 AS lng FROM "Regions";
INSERT INTO "Staff" ("Id", "StaffNumber", "Name", "Phone", "Role", "RegionId", "ManagerId", "SkillLevel", "HireDate", "IsActive", "Version",
                     "MonthlySalary", "HomeLatitude", "HomeLongitude")
SELECT t.id, 'T' || lpad(t.id::text, 5, '0'), '技术员' || t.n, '137' || lpad(t.id::text, 8, '0'), 'Technician', t.region, m.manager,
       1 + t.n % 4, DATE '2022-01-01' + t.n % 900, true, 0, 6000 + (t.n % 4) * 500,
       round((m.lat + (t.n % 17) * 0.02)::numeric, 6), round((m.lng + (t.n % 13) * 0.02)::numeric, 6)
FROM tech t JOIN region_manager m USING (region);

-- Log-ins (same password as the demo users).
INSERT INTO "AspNetUsers" ("Id", "StaffId", "Culture", "UserName", "NormalizedUserName", "EmailConfirmed", "PasswordHash", "SecurityStamp",
                           "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
SELECT gen_random_uuid()::text, s."Id", NULL, u.name, upper(u.name), false, p."PasswordHash", upper(md5(random()::text)),
       gen_random_uuid()::text, false, false, true, 0
FROM "Staff" s
CROSS JOIN LATERAL (SELECT CASE WHEN s."Id" >= 1000 THEN 'tech' || lpad((s."Id" - 1000 + 10)::text, 4, '0')
                                ELSE 'r' || lpad(s."RegionId"::text, 2, '0') || '.' || (ARRAY['manager', 'deputy', 'store'])[(s."Id" - 100) % 3 + 1] END AS name) u
CROSS JOIN (SELECT "PasswordHash" FROM "AspNetUsers" WHERE "UserName" = 'tech01') p
WHERE s."Id" >= 100;

-- All technicians (demo and new) with their region's manager and home, numbered 1 … techs.
CREATE TEMP TABLE everyone AS
SELECT row_number() OVER (ORDER BY s."Id")::int AS k, s."Id" AS id, s."RegionId" AS region, s."ManagerId" AS manager, s."Name" AS name,
       s."HomeLatitude"::float8 AS lat, s."HomeLongitude"::float8 AS lng
FROM "Staff" s WHERE s."Role" = 'Technician';

-- 20 customers per technician, one site each (every fourth a second one), two pieces of equipment per site.
INSERT INTO "Customers" ("Id", "Code", "Name", "Phone", "RegionId", "TechnicianId", "SoldBy", "Notes", "Version")
SELECT 1000 + (e.k - 1) * 20 + c, 'L' || lpad(((e.k - 1) * 20 + c)::text, 6, '0'), '客户' || e.k || '-' || c,
       '135' || lpad(((e.k - 1) * 20 + c)::text, 8, '0'), e.region, e.id, NULL, NULL, 0
FROM everyone e, generate_series(1, 20) c;
INSERT INTO "Sites" ("Id", "CustomerId", "Name", "City", "Address", "Latitude", "Longitude", "Version", "IsMaintenanceBase")
SELECT cu."Id" + s * 100000, cu."Id", CASE s WHEN 0 THEN '总部' ELSE '分店' END, '城市' || cu."RegionId",
       '某路' || cu."Id" || '号', round((e.lat + ((cu."Id" * 7) % 40) * 0.005)::numeric, 6), round((e.lng + ((cu."Id" * 3) % 40) * 0.005)::numeric, 6), 0, false
FROM "Customers" cu JOIN everyone e ON e.id = cu."TechnicianId", generate_series(0, 1) s
WHERE cu."Id" >= 1000 AND (s = 0 OR cu."Id" % 4 = 0);
INSERT INTO "Equipment" ("Id", "SerialNumber", "ProductId", "SiteId", "Kind", "Model", "InstalledOn", "WarrantyEnd", "Version")
SELECT 1000 + row_number() OVER (ORDER BY si."Id", q), 'LD' || si."Id" || '-' || q, p."Id", si."Id", coalesce(p."EquipmentKind", p."Category"), p."Model",
       DATE '2024-01-01' + (si."Id" % 600), DATE '2026-01-01' + (si."Id" % 600), 0
FROM "Sites" si, generate_series(1, 2) q, LATERAL (SELECT * FROM "Products" ORDER BY "Id" OFFSET (si."Id" + q) % 7 LIMIT 1) p
WHERE si."Id" >= 1000;

-- A year of jobs: about 300 per technician (1.2 a working day), on days - 1 … 1 days ago; then each one's open work
-- today: one job en route (departed, not checked in: the load's check-ins), one completed without its service record
-- yet (the load's record submissions), two Scheduled for the next days; and 1,000 New jobs nobody has yet.
CREATE TEMP TABLE job AS
SELECT 1000 + (e.k - 1) * 300 + j AS id, e.id AS tech, e.region, e.manager, e.k, j,
       1000 + (e.k - 1) * 20 + (j % 20) + 1 AS customer,
       (current_date - :days + (j * :days / 300)) AS day,
       (ARRAY['Installation', 'Installation', 'Installation', 'Repair', 'Repair', 'Repair', 'Maintenance', 'Maintenance', 'Guidance', 'Measurement'])[1 + (j * 7 + e.k) % 10] AS kind,
       CASE WHEN (j * 13 + e.k) % 20 = 0 THEN 'Cancelled' WHEN (j * 11 + e.k) % 10 = 0 THEN 'Signed' ELSE 'Closed' END AS state
FROM everyone e, generate_series(1, 300) j;
INSERT INTO job
SELECT 1000 + :techs * 300 + (e.k - 1) * 4 + j, e.id, e.region, e.manager, e.k, j, 1000 + (e.k - 1) * 20 + (j % 20) + 1,
       current_date + (ARRAY[0, 0, 1, 2])[j], (ARRAY['Installation', 'Installation', 'Maintenance', 'Guidance'])[j],
       (ARRAY['EnRoute', 'Completed', 'Scheduled', 'Scheduled'])[j]
FROM everyone e, generate_series(1, 4) j;
INSERT INTO job
SELECT 1000 + :techs * 304 + n, NULL, e.region, e.manager, e.k, 0, 1000 + (e.k - 1) * 20 + 1, current_date, 'Repair', 'New'
FROM generate_series(1, 1000) n JOIN everyone e ON e.k = 1 + (n * 2) % :techs;

ANALYZE job; ANALYZE "Customers"; ANALYZE "Sites"; ANALYZE "Equipment";
ALTER TABLE job ADD departed timestamptz, ADD arrived timestamptz, ADD completed timestamptz;
UPDATE job SET departed = day + time '08:30' + (j % 4) * interval '2 hours', arrived = day + time '09:05' + (j % 4) * interval '2 hours',
               completed = day + time '10:40' + (j % 4) * interval '2 hours' WHERE state IN ('Closed', 'Signed');
UPDATE job SET departed = now() - interval '20 minutes' WHERE state = 'EnRoute';
UPDATE job SET departed = now() - interval '3 hours', arrived = now() - interval '160 minutes', completed = now() - interval '1 hour' WHERE state = 'Completed';
INSERT INTO "WorkOrders" ("Id", "Kind", "State", "CustomerId", "SiteId", "RegionId", "TechnicianId", "Description", "ReceivedAt", "ReceivedById",
    "FirstContactDueAt", "FirstContactAt", "Required", "AppointmentStart", "AppointmentEnd", "DepartedAt", "ArrivedAt", "ArrivedLate", "CompletedAt",
    "CalledAheadAt", "Version", "NeedsDayBeforeConfirmation", "CauseUnclear", "DispatchLocked", "ActualHours", "ActualPeople", "EstimatedHours", "EstimatedPeople")
SELECT j.id, j.kind, j.state, j.customer, j.customer, j.region, j.tech, '负载测试工单 ' || j.id,
       j.day - 3 + time '10:00', j.manager, j.day - 3 + time '12:00',
       CASE WHEN j.state <> 'New' THEN j.day - 3 + time '11:00' END, 1,
       CASE WHEN j.state <> 'New' THEN j.day + time '09:00' + (j.j % 4) * interval '2 hours' END,
       CASE WHEN j.state <> 'New' THEN j.day + time '11:00' + (j.j % 4) * interval '2 hours' END,
       j.departed, j.arrived, false, j.completed, j.departed - interval '10 minutes',
       0, false, false, false,
       CASE WHEN j.completed IS NOT NULL THEN 1.5 END, CASE WHEN j.completed IS NOT NULL THEN 1 END, 2, 1
FROM job j;
INSERT INTO "WorkOrderItems" ("Id", "WorkOrderId", "ProductId", "EquipmentId", "Quantity", "Version")
SELECT j.id, j.id, eq."ProductId", eq."Id", 1, 0
FROM job j JOIN (SELECT DISTINCT ON ("SiteId") "SiteId", "Id", "ProductId" FROM "Equipment" ORDER BY "SiteId", "Id") eq ON eq."SiteId" = j.customer;

INSERT INTO "Visits" ("Id", "WorkOrderId", "Number", "TechnicianId", "DepartedAt", "CheckedInAt", "CheckInLatitude", "CheckInLongitude",
    "CheckInAccuracyMeters", "CheckInMetersFromSite", "CheckedOutAt", "CheckOutLatitude", "CheckOutLongitude", "CheckOutAccuracyMeters", "Present", "Version")
SELECT j.id, j.id, 1, j.tech, j.departed, j.arrived,
       CASE WHEN j.arrived IS NOT NULL THEN si."Latitude" END, CASE WHEN j.arrived IS NOT NULL THEN si."Longitude" END,
       CASE WHEN j.arrived IS NOT NULL THEN 12 END, CASE WHEN j.arrived IS NOT NULL THEN 30 END, j.completed,
       CASE WHEN j.completed IS NOT NULL THEN si."Latitude" END, CASE WHEN j.completed IS NOT NULL THEN si."Longitude" END,
       CASE WHEN j.completed IS NOT NULL THEN 12 END, 1, 0
FROM job j JOIN "Sites" si ON si."Id" = j.customer
WHERE j.departed IS NOT NULL;

-- A signed service record for every finished job but measurements, with three lines (product, measurement, test).
INSERT INTO "ServiceRecords" ("Id", "WorkOrderId", "VisitId", "WorkOrderNumber", "RegionId", "Kind", "TechnicianId", "TechnicianName", "CustomerName",
    "CustomerPhone", "SiteAddress", "CreatedAt", "WorkDone", "Remarks", "SignerName", "SignerRole", "SignedAt", "SignedVia", "Version")
SELECT j.id, j.id, j.id, 'WO' || lpad(j.id::text, 6, '0'), j.region,
       CASE j.kind WHEN 'Installation' THEN 'Installation' WHEN 'Guidance' THEN 'Guidance' ELSE 'Maintenance' END,
       j.tech, e.name, cu."Name", cu."Phone", si."Address", j.completed, '按规范完成安装调试，已向客户讲解使用方法。', NULL,
       '客户' || j.customer, 'Owner', j.completed + interval '5 minutes', 'Phone', 0
FROM job j JOIN everyone e ON e.id = j.tech
JOIN "Customers" cu ON cu."Id" = j.customer JOIN "Sites" si ON si."Id" = j.customer
WHERE j.state IN ('Closed', 'Signed') AND j.kind <> 'Measurement';
-- The lines of a signed record are frozen by a trigger (RecordLines_SignedFrozen): fixture rows go around it.
SET LOCAL session_replication_role = replica;
INSERT INTO "RecordLines" ("Id", "RecordId", "Position", "Kind", "Name", "Quantity", "Value", "Unit", "Passed", "Note", "Version")
SELECT r."Id" * 3 + l, r."Id", l + 1, (ARRAY['Product', 'Measurement', 'Test'])[l + 1], (ARRAY['产品', '水压', '试运行'])[l + 1],
       CASE l WHEN 0 THEN 1 END, CASE l WHEN 1 THEN 0.35 END, CASE l WHEN 1 THEN 'MPa' END, CASE l WHEN 2 THEN true END, NULL, 0
FROM "ServiceRecords" r, generate_series(0, 2) l WHERE r."Id" >= 1000;
SET LOCAL session_replication_role = origin;
COMMIT;

-- Positions: one every pos_minutes minutes from 08:30 to 17:30 on Monday … Saturday, for every technician, the whole year.
BEGIN;
INSERT INTO "Positions" ("StaffId", "At", "Latitude", "Longitude", "AccuracyMeters", "ReceivedAt")
SELECT e.id, t, e.lat + ((extract(epoch FROM t)::bigint / 60 + e.k) % 50) * 0.002, e.lng + ((extract(epoch FROM t)::bigint / 60 + e.k * 3) % 50) * 0.002,
       10 + (e.k % 20), t + interval '20 seconds'
FROM generate_series(current_date - :days, current_date - 1, interval '1 day') d
CROSS JOIN LATERAL generate_series(d + time '08:30', d + time '17:30', :pos_minutes * interval '1 minute') t
CROSS JOIN everyone e
WHERE extract(isodow FROM d) <> 7;
COMMIT;

-- Daily reports: one SMS a working day from every technician, read well-formed, with one entry per job of that day.
BEGIN;
CREATE TEMP TABLE report AS
SELECT row_number() OVER (ORDER BY d, e.k) + 1000 AS id, e.id AS tech, e.k, d::date AS day
FROM generate_series(current_date - :days, current_date - 1, interval '1 day') d CROSS JOIN everyone e
WHERE extract(isodow FROM d) <> 7;
INSERT INTO "DailyReports" ("Id", "Source", "GatewayId", "SenderPhone", "ReceivedAt", "Text", "EnteredById", "TechnicianId", "Day", "Status", "ProblemCount", "Version")
SELECT r.id, 'Gateway', 'load-' || r.id, s."Phone", r.day + time '18:30', '今日工作：1. 客户安装调试 完成', NULL, r.tech, r.day, 'WellFormed', 0, 0
FROM report r JOIN "Staff" s ON s."Id" = r.tech;
INSERT INTO "DailyReportEntries" ("Id", "DailyReportId", "Position", "Label", "Subject", "Place", "Equipment", "Phone", "Work", "WorkOrderId", "Version")
SELECT 1000 + row_number() OVER (ORDER BY r.id, j.id), r.id, row_number() OVER (PARTITION BY r.id ORDER BY j.id), NULL, '客户' || j.customer, NULL, NULL, NULL,
       '安装调试完成', j.id, 0
FROM report r JOIN job j ON j.tech = r.tech AND j.day = r.day;
COMMIT;

-- Incidents: about 15 a technician a year (the assessment mix: mostly late reports and GPS anomalies).
BEGIN;
INSERT INTO "Incidents" ("Id", "PersonId", "RegionId", "Kind", "At", "Severity", "Amount", "Description", "Waived", "ManagerId", "Verified", "FalseReport",
    "Source", "RecordedById", "RecordedAt", "State", "Version")
SELECT 1000 + (e.k - 1) * 15 + i, e.id, e.region,
       (ARRAY['daily_report_late', 'daily_report_late', 'daily_report_missing', 'gps_anomaly', 'gps_anomaly', 'gps_anomaly', 'complaint_attitude',
              'repair_redone', 'phone_unreachable', 'leaving_post'])[1 + (i * 3 + e.k) % 10],
       current_date - :days + ((i * 24 + e.k) % :days) + time '14:00', 'Normal',
       CASE WHEN (i * 3 + e.k) % 10 = 9 THEN 200 END, '负载测试事件', false, e.manager, false, false, 'manual', e.manager,
       current_date - :days + ((i * 24 + e.k) % :days) + time '15:00', 'Recorded', 0
FROM everyone e, generate_series(1, 15) i;
COMMIT;

-- Identity sequences past the explicit ids.
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'Id' AND a.attidentity <> ''
           WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace LOOP
    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''Id''), greatest(1, (SELECT coalesce(max("Id"), 0) FROM %I)))', format('%I', t), t);
  END LOOP;
END $$;
VACUUM ANALYZE;
SELECT relname AS "table", n_live_tup AS rows FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY n_live_tup DESC;
