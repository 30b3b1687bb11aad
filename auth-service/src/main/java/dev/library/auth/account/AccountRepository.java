package dev.library.auth.account;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface AccountRepository extends MongoRepository<Account, String> {

    Optional<Account> findByUsername(String canonicalUsername);

    boolean existsByUsername(String canonicalUsername);

    long countByRolesContainingAndDisabledAtIsNull(Role role);
}
