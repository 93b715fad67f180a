package clinic.bfrguard.common.stream;

import io.agroal.api.AgroalDataSource;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A change table read for a stream: {@code <name>_change (seq bigserial, site, kind, created_at, <name>_json)},
 * written by the service in the transaction of the change it records, with a trigger that announces each insert on
 * the channel named like the table. The live feed and the replays read it the same way, a page at a time in seq
 * order; each change becomes the event data {@code {seq, kind, at, <name>}}.
 */
public class ChangeLog {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z_]{0,40}");
    /** Serialises the writers of a change table so that seq order is commit order; any constant, the database is ours. */
    private static final long WRITERS_LOCK = 0x0a1e_27c4_a46eL;

    private final AgroalDataSource dataSource;
    private final String name;
    private final String table;

    /** The change table of {@code name} ({@code alert}: table and channel {@code alert_change}, data field "alert"). */
    public ChangeLog(AgroalDataSource dataSource, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a change table name: " + name);
        }
        this.dataSource = dataSource;
        this.name = name;
        this.table = name + "_change";
    }

    /** For the proxies of a service's bean that extends this class; such an instance reads nothing itself. */
    protected ChangeLog() {
        this.dataSource = null;
        this.name = null;
        this.table = null;
    }

    /** The table, which is also the channel its trigger notifies. */
    public String table() {
        return table;
    }

    /**
     * Appends a change of the entity {@code id} ({@code <name>_id}) in the caller's transaction and returns its seq.
     * The caller's row locks come first (flush), the table's writers lock last, in the same statement as the insert:
     * it is then held only from the insert to the commit, and seq is drawn after the lock is granted, so a reader
     * that has seen seq n never sees a smaller one commit later.
     */
    public long append(EntityManager em, UUID id, String site, String kind, String json, Instant at) {
        em.flush();
        Number seq = (Number) em.createNativeQuery("insert into " + table + " (" + name + "_id, site, kind, " + name
                        + "_json, created_at) select :id, :site, :kind, :json, :at"
                        + " from (select pg_advisory_xact_lock(:key)) as writers_lock returning seq")
                .setParameter("id", id)
                .setParameter("site", site)
                .setParameter("kind", kind)
                .setParameter("json", json)
                .setParameter("at", at)
                .setParameter("key", WRITERS_LOCK)
                .getSingleResult();
        return seq.longValue();
    }

    public long newestSeq() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select coalesce(max(seq), 0) from " + table);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** At most {@code limit} changes after {@code seq}, in seq order. */
    public List<Change> changesAfter(long seq, int limit) throws SQLException {
        List<Change> changes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select seq, site, kind, created_at, " + name
                        + "_json from " + table + " where seq > ? order by seq limit ?")) {
            query.setLong(1, seq);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long changeSeq = rows.getLong(1);
                    changes.add(new Change(changeSeq, rows.getString(2), "{\"seq\":" + changeSeq + ",\"kind\":\""
                            + rows.getString(3) + "\",\"at\":\"" + rows.getTimestamp(4).toInstant() + "\",\"" + name
                            + "\":" + rows.getString(5) + "}"));
                }
            }
        }
        return changes;
    }

    public void deleteBefore(Instant cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from " + table + " where created_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            delete.executeUpdate();
        }
    }
}
