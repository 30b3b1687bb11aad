package dev.library.auth.account;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface AccountRepository extends MongoRepository<Account, String> {

    Optional<Account> findByUsername(String canonicalUsername);

    long countByRolesContaining(Role role);
}
