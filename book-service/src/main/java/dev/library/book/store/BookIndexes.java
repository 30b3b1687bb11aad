package dev.library.book.store;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;

@Configuration(proxyBeanMethods = false)
class BookIndexes {

    /**
     * Created before the first request (idempotent on every start): unique ISBN; one index per
     * sort order (with {@code _id} as tie-breaker, matching the query's sort); and the filter
     * fields, so no list request needs a collection scan on a real MongoDB.
     */
    @Bean
    InitializingBean createBookIndexes(MongoTemplate mongo) {
        return () -> {
            IndexOperations books = mongo.indexOps(Book.class);
            books.createIndex(new Index("isbn", Sort.Direction.ASC).unique().named("isbn_unique"));
            books.createIndex(new Index("titleKey", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("sort_title"));
            books.createIndex(new Index("publishedYear", Sort.Direction.ASC).on("_id", Sort.Direction.ASC)
                    .named("sort_published_year"));
            books.createIndex(new Index("createdAt", Sort.Direction.ASC).on("_id", Sort.Direction.ASC)
                    .named("sort_created_at"));
            books.createIndex(new Index("searchTerms", Sort.Direction.ASC).named("search_terms"));
            books.createIndex(new Index("authorKeys", Sort.Direction.ASC).named("authors"));
            books.createIndex(new Index("tags", Sort.Direction.ASC).named("tags"));
        };
    }
}
