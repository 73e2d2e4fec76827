-- Run once by the postgres image on an empty data directory
-- (docker-compose.yml mounts it into /docker-entrypoint-initdb.d/).
-- One database per service; each service applies its own migrations to it.
CREATE DATABASE programs;
CREATE DATABASE scheduling;
CREATE DATABASE community_events;
CREATE DATABASE notifications;
