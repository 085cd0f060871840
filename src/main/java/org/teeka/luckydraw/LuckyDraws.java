package org.teeka.luckydraw;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.account.Permission;
import org.teeka.account.StaffScope;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.platform.OutOfScopeException;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * District draws, verifiable by anyone (commit-reveal). {@link #announce} freezes the eligible
 * list and publishes its hash with the hash of a secret seed; {@link #draw}, a separate later step,
 * reveals the seed and stores the winners that {@link DrawAlgorithm} computes from the two. A draw
 * moves ANNOUNCED to DRAWN once, by a conditional update, so it can never be made twice.
 */
@Service
public class LuckyDraws {

    /** More winners than this in one draw is a typing mistake, not a prize list. */
    public static final int MAX_WINNERS = 1000;

    private static final String COLUMNS = """
            id, district_id, from_date, to_date, winners_wanted, eligible_count, list_sha256, seed_sha256,
            case when status = 'DRAWN' then seed end as revealed_seed, status, announced_at, drawn_at""";

    private final JdbcClient jdbc;
    private final LuckyDrawCards cards;
    private final Geography geography;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    LuckyDraws(JdbcClient jdbc, LuckyDrawCards cards, Geography geography, Clock clock) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.geography = geography;
        this.clock = clock;
    }

    /**
     * Announces a draw of {@code winners} among the district's cards issued from {@code from} to
     * {@code to} (both included, and over before today): freezes and publishes the sorted list and
     * its SHA-256, generates a secret 32-byte seed and publishes its SHA-256.
     */
    @Transactional
    public LuckyDraw announce(int districtId, LocalDate from, LocalDate to, int winners, StaffScope scope, long staffId) {
        requireDistrict(districtId, scope);
        LocalDate today = LocalDate.now(clock);
        if (from.isAfter(to)) {
            throw new LuckyDrawRefusedException("luckydraw.error.range-reversed");
        }
        if (!to.isBefore(today)) {
            throw new LuckyDrawRefusedException("luckydraw.error.range-not-over", today.format(DateTimeFormatter.ISO_LOCAL_DATE));
        }
        if (winners < 1) {
            throw new LuckyDrawRefusedException("luckydraw.error.no-winners");
        }
        if (winners > MAX_WINNERS) {
            throw new LuckyDrawRefusedException("luckydraw.error.too-many-winners", MAX_WINNERS);
        }
        List<CardNumber> eligible = cards.eligible(districtId, from, to);
        if (eligible.size() < winners) {
            throw new LuckyDrawRefusedException("luckydraw.error.too-few-cards", eligible.size(), winners);
        }
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        long id = jdbc.sql("""
                        insert into lucky_draws (district_id, from_date, to_date, winners_wanted, eligible_count, list_sha256,
                                                 seed_sha256, seed, status, announced_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'ANNOUNCED', ?)
                        returning id""")
                .params(districtId, from, to, winners, eligible.size(), DrawAlgorithm.sha256(DrawAlgorithm.publishedList(eligible)),
                        DrawAlgorithm.sha256(seed), seed, staffId)
                .query(Long.class).single();
        jdbc.sql("""
                        insert into lucky_draw_entries (draw_id, position, card_number)
                        select ?, (t.ord - 1)::int, t.card from unnest(?::text[]) with ordinality as t(card, ord)""")
                .params(id, eligible.stream().map(CardNumber::value).toArray(String[]::new))
                .update();
        return find(id).orElseThrow();
    }

    /**
     * Makes the draw: reveals the seed and stores the winners. A draw already made is returned as
     * it is, so a repeated or concurrent click shows the one result.
     */
    @Transactional
    public LuckyDraw draw(long id, StaffScope scope, long staffId) {
        LuckyDraw draw = get(id);
        requireDistrict(draw.districtId(), scope);
        // the guard: only the transaction that moves ANNOUNCED to DRAWN writes winners; a concurrent
        // one waits on the row lock, then finds it DRAWN and updates nothing
        int moved = jdbc.sql("update lucky_draws set status = 'DRAWN', drawn_at = now(), drawn_by = ? where id = ? and status = 'ANNOUNCED'")
                .params(staffId, id).update();
        if (moved == 1) {
            byte[] seed = jdbc.sql("select seed from lucky_draws where id = ?").param(id).query(byte[].class).single();
            List<CardNumber> winners = DrawAlgorithm.winners(eligibleList(id), seed, draw.winnersWanted());
            jdbc.sql("""
                            insert into lucky_draw_winners (draw_id, rank, card_number)
                            select ?, t.ord::int, t.card from unnest(?::text[]) with ordinality as t(card, ord)""")
                    .params(id, winners.stream().map(CardNumber::value).toArray(String[]::new))
                    .update();
        }
        return find(id).orElseThrow();
    }

    /** The draw; {@link LuckyDrawNotFoundException} when there is none. */
    public LuckyDraw get(long id) {
        return find(id).orElseThrow(() -> new LuckyDrawNotFoundException(id));
    }

    public Optional<LuckyDraw> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from lucky_draws where id = ?").param(id)
                .query(this::draw).optional();
    }

    /** The district's draws, newest first. */
    public List<LuckyDraw> inDistrict(int districtId) {
        return jdbc.sql("select " + COLUMNS + " from lucky_draws where district_id = ? order by announced_at desc, id desc")
                .param(districtId).query(this::draw).list();
    }

    /** The districts that have at least one draw, with their number of draws, for the public page. */
    public java.util.Map<Integer, Integer> districtsWithDraws() {
        var counts = new java.util.LinkedHashMap<Integer, Integer>();
        jdbc.sql("select district_id, count(*) from lucky_draws group by district_id order by district_id")
                .query((rs, n) -> counts.put(rs.getInt(1), rs.getInt(2))).list();
        return counts;
    }

    /** The frozen eligible list of the draw, in its published order. */
    public List<CardNumber> eligibleList(long id) {
        return jdbc.sql("select card_number from lucky_draw_entries where draw_id = ? order by position")
                .param(id).query(String.class).list().stream().map(CardNumber::new).toList();
    }

    private District requireDistrict(int districtId, StaffScope scope) {
        scope.require(Permission.RUN_LUCKY_DRAWS);
        District district = geography.district(districtId).orElseThrow(OutOfScopeException::new);
        if (!scope.coversDistrict(district.stateId(), district.id())) {
            throw new OutOfScopeException();
        }
        return district;
    }

    private LuckyDraw draw(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        byte[] seed = rs.getBytes("revealed_seed");
        var status = LuckyDraw.Status.valueOf(rs.getString("status"));
        List<CardNumber> winners = status == LuckyDraw.Status.DRAWN
                ? jdbc.sql("select card_number from lucky_draw_winners where draw_id = ? order by rank").param(id)
                        .query(String.class).list().stream().map(CardNumber::new).toList()
                : List.of();
        var drawnAt = rs.getTimestamp("drawn_at");
        return new LuckyDraw(id, rs.getInt("district_id"), rs.getObject("from_date", LocalDate.class),
                rs.getObject("to_date", LocalDate.class), rs.getInt("winners_wanted"), rs.getInt("eligible_count"),
                rs.getString("list_sha256"), rs.getString("seed_sha256"), seed == null ? null : HexFormat.of().formatHex(seed),
                status, rs.getTimestamp("announced_at").toInstant(), drawnAt == null ? null : drawnAt.toInstant(), winners);
    }
}
