package org.teeka.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresServerTests {

    @TempDir
    Path dataDir;

    @Test
    void keepsEveryRowAcrossARestart() throws SQLException {
        try (var server = EmbeddedPostgresServer.start(dataDir)) {
            execute(server, "create table notes (text text)", "insert into notes values ('kept')");
        }
        try (var server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(queryOne(server, "select text from notes")).isEqualTo("kept");
        }
    }

    @Test
    void startsOverAServerLeftRunningByAKilledProcess() throws Exception {
        var first = EmbeddedPostgresServer.start(dataDir);
        execute(first, "create table notes (text text)", "insert into notes values ('before the kill')");
        // the first server is never closed: as if its JVM had been killed with kill -9
        try (var second = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(queryOne(second, "select text from notes")).isEqualTo("before the kill");
            assertThatThrownBy(() -> queryOne(first, "select 1")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void startsOverAStalePidFileWhosePidWasReusedByAnotherProcess() throws Exception {
        try (var server = EmbeddedPostgresServer.start(dataDir)) {
            execute(server, "create table notes (text text)", "insert into notes values ('before the power cut')");
        }
        // after a power cut the pid file remains, and after the reboot its pid is some other live process
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dataDir.resolve("postgres/postmaster.pid"), other.pid() + "\n");
            try (var server = EmbeddedPostgresServer.start(dataDir)) {
                assertThat(queryOne(server, "select text from notes")).isEqualTo("before the power cut");
            }
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroy();
        }
    }

    @Test
    void refusesAConnectionWithoutThePassword() throws Exception {
        try (var server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(server.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(java.nio.file.Files.getPosixFilePermissions(dataDir.resolve("postgres.password")))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "").close())
                    .isInstanceOf(SQLException.class);
        }
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
        try (var connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String queryOne(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             var rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
