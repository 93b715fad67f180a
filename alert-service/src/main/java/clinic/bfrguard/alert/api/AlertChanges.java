package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.api.AlertChangeFeed.Change;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the change feed table ({@code alert_change}) for the stream: the live feed and the replays read the same
 * way, a page at a time in seq order.
 */
@ApplicationScoped
public class AlertChanges {

    private final AgroalDataSource dataSource;

    public AlertChanges(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long newestSeq() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select coalesce(max(seq), 0) from alert_change");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** At most {@code limit} changes after {@code seq}, in seq order. */
    public List<Change> changesAfter(long seq, int limit) throws SQLException {
        List<Change> changes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select seq, site, kind, created_at, alert_json"
                        + " from alert_change where seq > ? order by seq limit ?")) {
            query.setLong(1, seq);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    changes.add(new Change(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getTimestamp(4).toInstant().toString(), rows.getString(5)));
                }
            }
        }
        return changes;
    }

    public void deleteBefore(Instant cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from alert_change where created_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            delete.executeUpdate();
        }
    }
}
