package clinic.bfrguard.common;

import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.PostgresTestServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service's database lets in its own role only: another login role of the same server is turned away. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "common"))
class DatabaseAccessTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anotherRoleOfTheServerCannotConnect() throws Exception {
        String url;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            url = connection.getMetaData().getURL();
            statement.execute("drop role if exists other_service");
            statement.execute("create role other_service login password 'other_service'");
        }

        assertThatThrownBy(() -> DriverManager.getConnection(url, "other_service", "other_service").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database");
        try (Connection own = DriverManager.getConnection(url, PostgresTestServer.user(),
                PostgresTestServer.password())) {
            assertThat(own.isValid(2)).as("the service's own role still connects").isTrue();
        }
    }
}
