package clinic.bfrguard.e2e;

import clinic.bfrguard.stack.StackSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With the credentials a service runs with, the audit trail cannot be rewritten or switched off: the role reads and
 * appends, and everything else is refused by PostgreSQL itself, not by the service's code.
 */
class DatabaseRolesIT {

    private static StackSettings settings;

    @BeforeAll
    static void stack() {
        settings = E2EStack.get().settings();
    }

    @ParameterizedTest
    @ValueSource(strings = { "screening", "session", "alert", "notification" })
    void theServicesRoleCannotChangeDeleteTruncateDisableOrDropTheAuditTrail(String database) throws Exception {
        assertThat(sessionsOf(database)).as("the roles connected to " + database + ": the service runs as its own")
                .contains(database).doesNotContain(database + "_owner");

        try (Connection service = DriverManager.getConnection(url(database), database, database);
                Statement statement = service.createStatement()) {
            service.setAutoCommit(true);
            try (ResultSet rows = statement.executeQuery("select count(*) from audit_entry")) {
                assertThat(rows.next()).as("the service reads its audit trail").isTrue();
            }
            refused(statement, "update audit_entry set actor = 'someone else'", "permission denied");
            refused(statement, "delete from audit_entry", "permission denied");
            refused(statement, "truncate audit_entry", "permission denied");
            refused(statement, "alter table audit_entry disable trigger audit_entry_no_change", "must be owner");
            refused(statement, "alter table audit_entry disable trigger all", "must be owner");
            refused(statement, "drop trigger audit_entry_no_change on audit_entry", "must be owner");
            refused(statement, "drop table audit_entry", "must be owner");
            refused(statement, "alter table audit_entry owner to " + database, "must be owner");
            refused(statement, "set role " + database + "_owner", "permission denied");
            refused(statement, "delete from flyway_schema_history", "permission denied");
        }
    }

    private static void refused(Statement statement, String sql, String reason) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .hasMessageContaining(reason);
    }

    /** The roles of the sessions open on {@code database}: the services' connection pools among them. */
    private static List<String> sessionsOf(String database) throws SQLException {
        List<String> roles = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", "");
                PreparedStatement query = admin.prepareStatement(
                        "select distinct usename from pg_stat_activity where datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    roles.add(rows.getString(1));
                }
            }
        }
        return roles;
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + database;
    }
}
