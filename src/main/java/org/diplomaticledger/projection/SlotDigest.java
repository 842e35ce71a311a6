package org.diplomaticledger.projection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows of one table in each slot, every column but the slot (and a version's reach), hashed as a multiset: each
 * row's SHA-256 summed into four 64-bit words, so that the rows need no order (sorting every version of a large slot
 * took a fifth of a rebuild) and equal slots give equal digests whatever order the database returns them in. A rebuild
 * compares its slot with the live one this way before it switches ({@link ProjectionRebuilder}).
 *
 * <p>Both slots are read in one scan of the table, and the rows are streamed, not gathered: on H2 through lazy query execution (otherwise H2 copies a result of a
 * million rows into a temporary store before the first row is read: a profile of a rebuild at a million events
 * showed the copy taking a third of the comparison), on PostgreSQL through a cursor ({@code fetchSize} in the
 * caller's transaction). Dates and instants are hashed as numbers: formatting them as text took a quarter of it.
 */
final class SlotDigest {

    /** Rows a PostgreSQL cursor fetches at a time. */
    private static final int FETCH = 10_000;

    record Digest(long rows, String hash) {}

    private SlotDigest() {}

    /**
     * The digests of {@code table}'s rows in each slot, in one pass over the table; to be called within a transaction.
     * One scan of the whole table in its stored order reads each page once; reading one slot through an index that
     * begins with {@code slot} fetched each row from the table by its key, at random, and twice as many reads.
     */
    static Map<Slot, Digest> of(JdbcTemplate jdbc, String table) {
        List<String> columns = new ArrayList<>();
        for (String column : jdbc.queryForList(
                "SELECT column_name FROM information_schema.columns WHERE LOWER(table_name) = ? "
                        + "ORDER BY ordinal_position",
                String.class,
                table.toLowerCase(Locale.ROOT))) {
            // reach bounds an index probe and may stand higher live than rebuilt (VersionWrites): not content
            if (!column.equalsIgnoreCase("slot") && !column.equalsIgnoreCase("reach")) {
                columns.add(column.toLowerCase(Locale.ROOT));
            }
        }
        String sql = "SELECT slot, " + String.join(", ", columns) + " FROM " + table;
        boolean h2 = DatabaseProduct.isH2(jdbc);
        return jdbc.execute((ConnectionCallback<Map<Slot, Digest>>) connection -> {
            if (h2) {
                lazy(connection, true);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH);
                try (ResultSet rs = statement.executeQuery()) {
                    return digest(rs);
                }
            } finally {
                if (h2) {
                    lazy(connection, false);
                }
            }
        });
    }

    private static void lazy(Connection connection, boolean on) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute("SET LAZY_QUERY_EXECUTION " + (on ? "TRUE" : "FALSE"));
        }
    }

    /** Sums of one slot's row hashes. */
    private static final class Sums {
        final long[] words = new long[4];
        long rows;

        Digest digest() {
            return new Digest(rows, String.format("%016x%016x%016x%016x", words[0], words[1], words[2], words[3]));
        }
    }

    /** Column 1 is the slot; rows of codes other than a slot's (a partition's progress code) are not content. */
    private static Map<Slot, Digest> digest(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int count = meta.getColumnCount();
        int[] types = new int[count + 1];
        for (int i = 2; i <= count; i++) {
            types[i] = meta.getColumnType(i);
        }
        Map<String, Sums> bySlot = new HashMap<>();
        for (Slot slot : Slot.values()) {
            bySlot.put(slot.code(), new Sums());
        }
        MessageDigest sha = sha256();
        ByteBuffer number = ByteBuffer.allocate(Long.BYTES * 2);
        ByteBuffer words = ByteBuffer.allocate(32);
        while (rs.next()) {
            Sums sums = bySlot.get(rs.getString(1));
            if (sums == null) {
                continue;
            }
            sums.rows++;
            for (int i = 2; i <= count; i++) {
                update(sha, number, rs, i, types[i]);
                sha.update((byte) 0x1f);
            }
            words.clear();
            words.put(sha.digest()).flip(); // digest() also resets it for the next row
            for (int i = 0; i < sums.words.length; i++) {
                sums.words[i] += words.getLong();
            }
        }
        Map<Slot, Digest> digests = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            digests.put(slot, bySlot.get(slot.code()).digest());
        }
        return digests;
    }

    /** One value: null, a day, an instant and text each hashed under a tag of their own, so that none equals another. */
    private static void update(MessageDigest sha, ByteBuffer number, ResultSet rs, int column, int type)
            throws SQLException {
        number.clear();
        switch (type) {
            case Types.DATE -> {
                LocalDate day = rs.getObject(column, LocalDate.class);
                if (day != null) {
                    sha.update((byte) 'd');
                    number.putLong(day.toEpochDay());
                }
            }
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> {
                // H2 answers an OffsetDateTime for TIMESTAMP WITH TIME ZONE; PostgreSQL reports timestamptz as
                // TIMESTAMP and answers a java.sql.Timestamp
                Object at = rs.getObject(column);
                if (at instanceof OffsetDateTime instant) {
                    sha.update((byte) 't');
                    number.putLong(instant.toEpochSecond()).putLong(instant.getNano());
                } else if (at instanceof Timestamp timestamp) {
                    sha.update((byte) 't');
                    number.putLong(Math.floorDiv(timestamp.getTime(), 1000L)).putLong(timestamp.getNanos());
                } else if (at instanceof LocalDateTime local) {
                    sha.update((byte) 'l');
                    number.putLong(local.toEpochSecond(ZoneOffset.UTC)).putLong(local.getNano());
                } else if (at != null) {
                    sha.update((byte) 's');
                    sha.update(at.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
                byte[] bytes = rs.getBytes(column);
                if (bytes != null) {
                    sha.update((byte) 'b');
                    sha.update(bytes);
                }
            }
            default -> {
                String text = rs.getString(column);
                if (text != null) {
                    sha.update((byte) 's');
                    sha.update(text.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        if (rs.wasNull()) {
            sha.update((byte) 'n');
        } else if (number.position() > 0) {
            sha.update(number.array(), 0, number.position());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
