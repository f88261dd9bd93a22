--liquibase formatted sql

--property name:text.type value:VARCHAR(100) dbms:h2
--property name:text.type value:VARCHAR(120) dbms:sqlite
--property name:text.type value:VARCHAR(200)

--changeset alice:1
CREATE TABLE customer (id INTEGER PRIMARY KEY AUTOINCREMENT, name ${text.type} NOT NULL, vip BOOLEAN DEFAULT 0);
--rollback DROP TABLE customer;

--changeset alice:2 dbms:h2,postgresql
CREATE TABLE customer_note (body CLOB);

--changeset alice:2 dbms:sqlite
CREATE TABLE customer_note (body TEXT);
--rollback DROP TABLE customer_note;

--changeset bob:3 dbms:!h2 context:"prod or test" labels:v1
CREATE INDEX ix_customer_name ON customer (name);
--rollback DROP INDEX ix_customer_name;

--changeset bob:4
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:1 SELECT COUNT(*) FROM sqlite_master WHERE name = 'legacy_purchase'
DROP TABLE legacy_purchase;

--changeset bob:5
--preconditions onFail:WARN
--precondition-sql-check expectedResult:5 SELECT COUNT(*) FROM customer
INSERT INTO customer (name, vip) VALUES ('Ada', 1);
INSERT INTO customer (name, vip) VALUES ('Grace', 0);
--rollback DELETE FROM customer;

--changeset carol:6 ignore:true
THIS IS NOT SQL;

--changeset dave:7
--validCheckSum: ANY
ALTER TABLE customer_note ADD COLUMN customer_id INTEGER;
--rollback ALTER TABLE customer_note DROP COLUMN customer_id;

--changeset erin:view-vip runOnChange:true splitStatements:true
DROP VIEW IF EXISTS vip_customer;
CREATE VIEW vip_customer AS SELECT id, name FROM customer WHERE vip = 1;
--rollback DROP VIEW vip_customer;

--changeset erin:touch runAlways:true
UPDATE customer SET vip = vip WHERE 1 = 0;
--rollback SELECT 1;

--changeset frank:9 labels:v2
CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, what ${text.type});
--rollback DROP TABLE audit;

--changeset frank:10
ALTER TABLE audit ADD COLUMN note VARCHAR(50);
--rollback ALTER TABLE audit DROP COLUMN note;

--changeset frank:11
ALTER TABLE audit RENAME COLUMN what TO event;
--rollback ALTER TABLE audit RENAME COLUMN event TO what;

--changeset frank:12
INSERT INTO audit (event, note) VALUES ('created', 'by the corpus');
--rollback DELETE FROM audit;
