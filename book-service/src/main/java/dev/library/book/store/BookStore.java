package dev.library.book.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Books in MongoDB. Updates and deletes name the version they expect, so two concurrent writers
 * can never silently overwrite each other: the second one matches nothing and is told so.
 */
@Component
public class BookStore {

    private final MongoTemplate mongo;
    private final Clock clock;

    public BookStore(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Inserts a new book; a duplicate ISBN raises Spring's {@code DuplicateKeyException}. */
    public Book insert(BookContent content) {
        Instant now = clock.instant();
        return mongo.insert(new Book(new ObjectId().toHexString(), content.title(), content.authors(), content.isbn13(),
                content.publishedYear(), content.tags(), content.description(), now, now, 1, content.titleKey(),
                content.authorKeys(), content.searchTerms()));
    }

    public Optional<Book> findById(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(id, Book.class));
    }

    /**
     * Replaces the content of the book if it is still at {@code expectedVersion}; returns the new
     * state, or empty when the book is gone or another write got there first.
     */
    public Optional<Book> replace(String id, long expectedVersion, BookContent content) {
        Query current = Query.query(Criteria.where("_id").is(id).and("version").is(expectedVersion));
        Update update = new Update()
                .set("title", content.title()).set("authors", content.authors()).set("isbn", content.isbn13())
                .set("publishedYear", content.publishedYear()).set("tags", content.tags())
                .set("description", content.description()).set("updatedAt", clock.instant())
                .set("titleKey", content.titleKey()).set("authorKeys", content.authorKeys())
                .set("searchTerms", content.searchTerms())
                .inc("version", 1);
        return Optional.ofNullable(mongo.findAndModify(current, update, FindAndModifyOptions.options().returnNew(true),
                Book.class));
    }

    /** Deletes the book if it is still at {@code expectedVersion}. */
    public boolean delete(String id, long expectedVersion) {
        return mongo.remove(Query.query(Criteria.where("_id").is(id).and("version").is(expectedVersion)), Book.class)
                .getDeletedCount() == 1;
    }

    public BookPage find(BookQuery query) {
        List<Criteria> filters = new ArrayList<>();
        if (query.text() != null) {
            for (String word : BookContent.words(query.text())) {
                // Anchored and case-sensitive on lower-cased terms: an index range scan, not a collection scan.
                filters.add(Criteria.where("searchTerms").regex("^" + Pattern.quote(word)));
            }
        }
        if (query.author() != null) {
            filters.add(Criteria.where("authorKeys").is(query.author().toLowerCase(Locale.ROOT)));
        }
        if (query.tag() != null) {
            filters.add(Criteria.where("tags").is(query.tag().toLowerCase(Locale.ROOT)));
        }
        Query mongoQuery = filters.isEmpty() ? new Query() : new Query(new Criteria().andOperator(filters));
        long total = mongo.count(mongoQuery, Book.class);
        // _id breaks ties, so pages neither repeat nor skip books with equal sort values.
        mongoQuery.with(Sort.by(query.direction(), query.sortField().storedField()).and(Sort.by(query.direction(), "_id")))
                .skip((long) query.page() * query.size())
                .limit(query.size());
        return new BookPage(mongo.find(mongoQuery, Book.class), total);
    }

    public record BookPage(List<Book> books, long total) {
    }
}
