package dev.library.auth.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Serializes the changes that can take an admin away (roles, enabling), so that "is this the last
 * enabled admin?" and the save that follows are one step for every other such change. Counting
 * and then saving is two steps: two concurrent demotions of the only two admins would both count
 * two and both succeed. Every replica takes one guard document in MongoDB with a conditional
 * update (free, or its lease expired), which MongoDB applies to one caller at a time; it is given
 * back when the change is saved. A replica that dies holding it holds it no longer than the lease.
 */
@Component
class AdminGuard {

    static final String COLLECTION = "account_guards";
    private static final String ID = "admin-changes";
    private static final long PAUSE_MILLIS = 10;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration lease;
    private final Duration maxWait;

    AdminGuard(MongoTemplate mongo, Clock clock, @Value("${library.admin.change-guard.lease}") Duration lease,
            @Value("${library.admin.change-guard.max-wait}") Duration maxWait) {
        this.mongo = mongo;
        this.clock = clock;
        this.lease = lease;
        this.maxWait = maxWait;
    }

    /** Runs {@code change} while holding the guard; 409 when another change keeps it too long. */
    <T> T whileHeld(Supplier<T> change) {
        String holder = UUID.randomUUID().toString();
        Instant giveUp = clock.instant().plus(maxWait);
        while (!take(holder)) {
            if (clock.instant().isAfter(giveUp)) {
                throw AccountProblems.changedConcurrently();
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AccountProblems.changedConcurrently();
            }
        }
        try {
            return change.get();
        } finally {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(ID).and("holder").is(holder)),
                    new Update().unset("holder").set("leaseEnds", clock.instant()), COLLECTION);
        }
    }

    private boolean take(String holder) {
        Instant now = clock.instant();
        Query free = Query.query(Criteria.where("_id").is(ID).and("leaseEnds").lt(now));
        Update held = new Update().set("holder", holder).set("leaseEnds", now.plus(lease));
        try {
            // Upsert: the first change ever creates the document (a concurrent first one gets a duplicate key).
            return mongo.findAndModify(free, held, FindAndModifyOptions.options().upsert(true).returnNew(true),
                    Document.class, COLLECTION) != null;
        } catch (DuplicateKeyException heldByAnother) {
            return false;
        }
    }
}
