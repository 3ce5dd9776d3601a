// Package sqlite is Parley's embedded store: one SQLite file, written through
// the pure-Go driver modernc.org/sqlite (no cgo), in WAL mode, with a
// versioned schema (migrations/*.sql) and FTS5 full-text search over quotes
// and article text.
//
// Every document is written with all its records in one transaction, so a
// process killed at any moment leaves each document either whole or absent.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/parley-events/parley/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options tune Open. The zero value creates the store when it is absent.
type Options struct {
	// MustExist refuses to create a new store (query commands use it).
	MustExist bool
	// BusyTimeout is how long a write waits for another process's write
	// to finish before failing with store.ErrLocked. 0 means 10 s.
	BusyTimeout time.Duration
	// CacheMB is SQLite's page cache per connection, in MiB. 0 means 64.
	// A large store written in bulk goes faster with more.
	CacheMB int
	// MmapMB, when above 0, has SQLite read up to that many MiB of the
	// file through memory mapping, shared by all connections, instead of
	// a system call per page: a long-running reader (parley serve) answers
	// about a tenth faster.
	MmapMB int
}

// DB is a store in one SQLite file. It implements store.Store.
type DB struct {
	db   *sql.DB
	path string
	mu   sync.Mutex // one writer at a time
	now  func() time.Time

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // the queries, prepared once
}

var _ store.Store = (*DB)(nil)

// Open opens the store at path, creating it (unless opt.MustExist) and
// bringing its schema up to date. A file that is not a Parley store, a
// corrupt one, one locked too long by another process, or one written by a
// newer Parley is refused with an error that says so (errors.Is with
// store.ErrNotStore, ErrCorrupt, ErrLocked, ErrTooNew, ErrNoStore).
func Open(path string, opt Options) (*DB, error) {
	if path == "" {
		return nil, errors.New("no store path")
	}
	if err := checkFile(path, opt.MustExist); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	timeout := opt.BusyTimeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	cacheMB := opt.CacheMB
	if cacheMB <= 0 {
		cacheMB = 64
	}
	dsn := "file:" + escapePath(abs) + "?_busy_timeout=" + strconv.FormatInt(timeout.Milliseconds(), 10) +
		"&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate" +
		"&_pragma=temp_store(memory)&_pragma=cache_size(-" + strconv.Itoa(cacheMB*1024) + ")"
	if opt.MmapMB > 0 {
		dsn += "&_pragma=mmap_size(" + strconv.FormatInt(int64(opt.MmapMB)<<20, 10) + ")"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	s := &DB{db: db, path: path, now: time.Now, stmts: map[string]*sql.Stmt{}}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, s.wrap(err)
	}
	return s, nil
}

// Path is the file the store lives in.
func (s *DB) Path() string { return s.path }

// Close checkpoints the write-ahead log and closes the store.
func (s *DB) Close() error {
	ctx := context.Background()
	s.mu.Lock()
	defer s.mu.Unlock()
	_, _ = s.db.ExecContext(ctx, "PRAGMA optimize")
	_, _ = s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	clear(s.stmts)
	s.stmtMu.Unlock()
	return s.db.Close()
}

// maxStmts bounds the prepared queries kept: the queries of filters come
// in a bounded number of shapes, and beyond it they are prepared each time.
const maxStmts = 512

// stmt is q prepared, once; nil when the cache is full.
func (s *DB) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	st, ok := s.stmts[q]
	full := len(s.stmts) >= maxStmts
	s.stmtMu.Unlock()
	if ok || full {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if had, ok := s.stmts[q]; ok { // prepared meanwhile by another call
		st.Close()
		return had, nil
	}
	s.stmts[q] = st
	return st, nil
}

// query runs a read through its prepared statement: preparing a query
// (parsing, planning) costs more than running most of them.
func (s *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := s.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return s.db.QueryContext(ctx, q, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow is query for one row.
func (s *DB) queryRow(ctx context.Context, q string, args ...any) *row {
	st, err := s.stmt(ctx, q)
	if err != nil {
		return &row{err: err}
	}
	if st == nil {
		return &row{row: s.db.QueryRowContext(ctx, q, args...)}
	}
	return &row{row: st.QueryRowContext(ctx, args...)}
}

// row is an *sql.Row, or the error of preparing its query.
type row struct {
	row *sql.Row
	err error
}

func (r *row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	return r.row.Scan(dest...)
}

var sqliteHeader = []byte("SQLite format 3\x00")

// checkFile tells a missing store, and a file that is no SQLite database,
// before SQLite gets to it.
func checkFile(path string, mustExist bool) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		if mustExist {
			return fmt.Errorf("%s: %w (run parley ingest first, or give --db)", path, store.ErrNoStore)
		}
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return fmt.Errorf("%s: %w: a directory", path, store.ErrNotStore)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == io.ErrUnexpectedEOF) {
		return nil // an empty file: SQLite makes it a database
	}
	if err != nil && err != io.ErrUnexpectedEOF {
		return fmt.Errorf("%s: %w", path, err)
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return fmt.Errorf("%s: %w: not an SQLite database (another kind of file, or corrupt)", path, store.ErrNotStore)
	}
	return nil
}

// escapePath makes a file path safe inside a file: URI.
func escapePath(p string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(filepath.ToSlash(p))
}

// wrap turns SQLite's errors into the store's: locked, corrupt, not a
// database, each with the file's name.
func (s *DB) wrap(err error) error {
	if err == nil {
		return nil
	}
	for _, e := range []error{store.ErrLocked, store.ErrNotStore, store.ErrCorrupt, store.ErrTooNew, store.ErrNoStore} {
		if errors.Is(err, e) {
			return err
		}
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("%s: %w (another parley ingest?): %v", s.path, store.ErrLocked, err)
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("%s: %w: %v", s.path, store.ErrCorrupt, err)
		case sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%s: %w: %v", s.path, store.ErrNotStore, err)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_PERM:
			return fmt.Errorf("%s: %v", s.path, err)
		}
	}
	return err
}

// fatal reports errors after which the store cannot be written at all, as
// opposed to an error in one document's records.
func fatal(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CONSTRAINT, sqlite3.SQLITE_MISMATCH, sqlite3.SQLITE_RANGE, sqlite3.SQLITE_TOOBIG:
		return false
	}
	return true
}

// SchemaVersion is the schema this build writes: the number of the last
// migration.
func SchemaVersion() int {
	ms, _ := loadMigrations()
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", e.Name())
		}
		b, err := migrations.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return ms, nil
}

// migrate applies every migration the store lacks, each in its own
// transaction together with the new schema_version.
func (s *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	latest := len(ms)
	cur, err := s.version(ctx)
	if err != nil {
		return err
	}
	if cur > latest {
		return fmt.Errorf("%s: %w (schema %d; this build knows up to %d)", s.path, store.ErrTooNew, cur, latest)
	}
	for _, m := range ms {
		if m.version <= cur {
			continue
		}
		if err := s.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// version reads the schema version: 0 for an empty database; an error for a
// database that holds other tables but is no Parley store.
func (s *DB) version(ctx context.Context) (int, error) {
	var tables, hasVersion int
	err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(name = 'schema_version'), 0)
		FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).Scan(&tables, &hasVersion)
	if err != nil {
		return 0, err
	}
	if hasVersion == 0 {
		if tables > 0 {
			return 0, fmt.Errorf("%s: %w: an SQLite database with other tables", s.path, store.ErrNotStore)
		}
		return 0, nil
	}
	var v int
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&v); err != nil {
		return 0, err
	}
	return v, nil
}

func (s *DB) apply(ctx context.Context, m migration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER NOT NULL, applied TEXT NOT NULL)`); err != nil {
		return err
	}
	var cur int
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&cur); err != nil {
		return err
	}
	if cur >= m.version {
		return nil // another process applied it meanwhile
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, applied) VALUES (?, ?)",
		m.version, s.now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// Analyze has SQLite gather the statistics its query planner uses; worth
// running after a large load.
func (s *DB) Analyze(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, "ANALYZE")
	return s.wrap(err)
}
