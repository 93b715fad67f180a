package clinic.bfrguard.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a service under test at the JVM's one real Kafka broker and one real PostgreSQL. Init argument
 * {@code database}: the service's database name (created when missing).
 */
public class ClinicTestResources implements QuarkusTestResourceLifecycleManager {

    private String database = "test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "kafka.bootstrap.servers", KafkaTestBroker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", PostgresTestServer.jdbcUrl(database),
                "quarkus.datasource.username", PostgresTestServer.user(),
                "quarkus.datasource.password", PostgresTestServer.password());
    }

    @Override
    public void stop() {
        // broker and database live as long as the JVM, shared by every test class
    }
}
