package com.seedance.gateway.shared;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Tells a failure caused by an unreachable database (answered 503) from any other. */
final class DatabaseUnavailable {

	private DatabaseUnavailable() {
	}

	/** SQL states of a broken connection (class 08) or a server shutting down (57P01-57P03). */
	private static boolean isConnectionLost(Throwable cause) {
		if (cause instanceof SQLException sql && sql.getSQLState() != null) {
			return sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P");
		}
		return false;
	}

	static boolean isCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException
					|| cause instanceof SQLTransientConnectionException || isConnectionLost(cause)
					// a rollback that fails on a closed connection hides the I/O error that closed it
					|| cause instanceof org.hibernate.TransactionException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
