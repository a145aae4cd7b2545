import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** The learner's standing in one course, as the reports read it (see `report_learning` below). */
const LEARNING_VALUES = `(SELECT u.country FROM users u WHERE u.id = NEW.user_id)`;

/**
 * Summary tables of the reports (docs/reports.md, "Summary tables"), kept up to date by triggers in
 * the transaction of every write to what they summarise, whoever writes it (services, the CLI, bulk
 * SQL), and backfilled here from the existing rows.
 *
 * - `report_learning`: one row per learner and course with an enrolment or a course result: the
 *   learner's country, the enrolment's date, the course result (statuses, score, completion date)
 *   and the time and number of the attempts. The dashboards' course and country figures read it
 *   alone, instead of joining enrolments, users, course results and attempts on char(36) keys.
 * - `report_sign_in_days` / `report_sign_in_months`: who signed in on a UTC day / month, per the
 *   sign-in's country; `report_active_days` / `report_active_months` count them.
 */
export class ReportSummaries1764510000000 implements MigrationInterface {
  name = 'ReportSummaries1764510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string): Promise<unknown> => queryRunner.query(sql);
    await q(`CREATE TABLE \`report_learning\` (
      \`course_id\` char(36) NOT NULL, \`user_id\` char(36) NOT NULL, \`country\` char(2) NULL,
      \`enrolled_at\` datetime(3) NULL,
      \`completion_status\` enum('completed','incomplete','not attempted') NULL,
      \`success_status\` enum('passed','failed','unknown') NULL, \`score_scaled\` decimal(6,5) NULL,
      \`completed_at\` datetime(3) NULL,
      \`time_seconds\` decimal(16,2) NOT NULL DEFAULT 0, \`attempts\` int unsigned NOT NULL DEFAULT 0,
      PRIMARY KEY (\`course_id\`, \`user_id\`),
      INDEX \`IDX_report_learning_user\` (\`user_id\`),
      INDEX \`IDX_report_learning_country_enrolled\` (\`country\`, \`enrolled_at\`, \`completion_status\`, \`success_status\`),
      INDEX \`IDX_report_learning_enrolled\` (\`enrolled_at\`),
      INDEX \`IDX_report_learning_completed\` (\`completion_status\`, \`completed_at\`, \`country\`)) ${TABLE_OPTIONS}`);
    for (const unit of ['days', 'months'] as const) {
      const key = unit === 'days' ? '`day` date NOT NULL' : '`month` char(7) NOT NULL';
      const column = unit === 'days' ? 'day' : 'month';
      await q(`CREATE TABLE \`report_sign_in_${unit}\` (
        ${key}, \`country\` char(2) NOT NULL DEFAULT '', \`user_id\` char(36) NOT NULL,
        \`sign_ins\` int unsigned NOT NULL DEFAULT 0,
        PRIMARY KEY (\`${column}\`, \`country\`, \`user_id\`)) ${TABLE_OPTIONS}`);
      await q(`CREATE TABLE \`report_active_${unit}\` (
        ${key}, \`country\` char(2) NOT NULL DEFAULT '', \`users\` int unsigned NOT NULL DEFAULT 0,
        PRIMARY KEY (\`${column}\`, \`country\`)) ${TABLE_OPTIONS}`);
    }

    // Counters for the all-country figures, per UTC day and month: of the enrolments (by the day they
    // were made) per course and per country, and of the completions (by the day they completed) per
    // country. Only learners with a country count (Secretariat accounts are nobody's officers).
    for (const unit of ['days', 'months'] as const) {
      const key = unit === 'days' ? '`day` date NOT NULL' : '`month` char(7) NOT NULL';
      const column = unit === 'days' ? 'day' : 'month';
      await q(`CREATE TABLE \`report_course_${unit}\` (
        ${key}, \`course_id\` char(36) NOT NULL,
        \`enrolments\` int NOT NULL DEFAULT 0, \`started\` int NOT NULL DEFAULT 0, \`in_progress\` int NOT NULL DEFAULT 0,
        \`completions\` int NOT NULL DEFAULT 0, \`passed\` int NOT NULL DEFAULT 0, \`failed\` int NOT NULL DEFAULT 0,
        \`score_sum\` decimal(20,5) NOT NULL DEFAULT 0, \`scores\` int NOT NULL DEFAULT 0,
        \`time_sum\` decimal(22,2) NOT NULL DEFAULT 0, \`launched\` int NOT NULL DEFAULT 0,
        PRIMARY KEY (\`${column}\`, \`course_id\`)) ${TABLE_OPTIONS}`);
      await q(`CREATE TABLE \`report_country_${unit}\` (
        ${key}, \`country\` char(2) NOT NULL,
        \`enrolments\` int NOT NULL DEFAULT 0, \`started\` int NOT NULL DEFAULT 0,
        \`completions\` int NOT NULL DEFAULT 0, \`passed\` int NOT NULL DEFAULT 0,
        \`completed\` int NOT NULL DEFAULT 0,
        PRIMARY KEY (\`${column}\`, \`country\`)) ${TABLE_OPTIONS}`);
    }
    // Each officer's first and last enrolment: how many had one in a period, without COUNT(DISTINCT).
    await q(`CREATE TABLE \`report_learners\` (
      \`user_id\` char(36) NOT NULL, \`country\` char(2) NULL,
      \`first_enrolled_at\` datetime(3) NOT NULL, \`last_enrolled_at\` datetime(3) NOT NULL,
      PRIMARY KEY (\`user_id\`),
      INDEX \`IDX_report_learners_first\` (\`first_enrolled_at\`, \`country\`),
      INDEX \`IDX_report_learners_last\` (\`last_enrolled_at\`, \`country\`)) ${TABLE_OPTIONS}`);
    // Backfill from what exists, before the triggers (the migration runs with the api stopped).
    await q(`INSERT INTO report_learning (course_id, user_id, country, enrolled_at, completion_status, success_status,
        score_scaled, completed_at)
      SELECT k.course_id, k.user_id, u.country, e.created_at, r.completion_status, r.success_status, r.score_scaled, r.completed_at
      FROM (SELECT user_id, course_id FROM enrolments UNION SELECT user_id, course_id FROM course_results) k
      LEFT JOIN users u ON u.id = k.user_id
      LEFT JOIN enrolments e ON e.user_id = k.user_id AND e.course_id = k.course_id
      LEFT JOIN course_results r ON r.user_id = k.user_id AND r.course_id = k.course_id`);
    await q(`UPDATE report_learning l JOIN (SELECT user_id, course_id, SUM(total_seconds) AS t, COUNT(*) AS n
        FROM attempts GROUP BY user_id, course_id) a ON a.user_id = l.user_id AND a.course_id = l.course_id
      SET l.time_seconds = a.t, l.attempts = a.n`);
    for (const [unit, key] of [
      ['days', 'DATE(enrolled_at)'],
      ['months', "DATE_FORMAT(enrolled_at, '%Y-%m')"],
    ] as const) {
      await q(`INSERT INTO report_course_${unit}
        SELECT ${key}, course_id, COUNT(*), COALESCE(SUM(completion_status IN ('incomplete', 'completed')), 0),
          COALESCE(SUM(completion_status = 'incomplete'), 0), COALESCE(SUM(completion_status = 'completed'), 0), COALESCE(SUM(success_status = 'passed'), 0),
          COALESCE(SUM(success_status = 'failed'), 0), COALESCE(SUM(score_scaled), 0), COUNT(score_scaled),
          COALESCE(SUM(IF(attempts > 0, time_seconds, 0)), 0), COALESCE(SUM(attempts > 0), 0)
        FROM report_learning WHERE country IS NOT NULL AND enrolled_at IS NOT NULL GROUP BY 1, course_id`);
      await q(`INSERT INTO report_country_${unit}
        SELECT ${key}, country, COUNT(*), COALESCE(SUM(completion_status IN ('incomplete', 'completed')), 0),
          COALESCE(SUM(completion_status = 'completed'), 0), COALESCE(SUM(success_status = 'passed'), 0), 0
        FROM report_learning WHERE country IS NOT NULL AND enrolled_at IS NOT NULL GROUP BY 1, country`);
      const completedKey = key.replace('enrolled_at', 'completed_at');
      await q(`INSERT INTO report_country_${unit} (${unit === 'days' ? 'day' : 'month'}, country, completed)
        SELECT ${completedKey}, country, COUNT(*) FROM report_learning
        WHERE country IS NOT NULL AND completion_status = 'completed' AND completed_at IS NOT NULL GROUP BY 1, country
        ON DUPLICATE KEY UPDATE completed = VALUES(completed)`);
    }
    await q(`INSERT INTO report_learners SELECT user_id, MAX(country), MIN(enrolled_at), MAX(enrolled_at)
      FROM report_learning WHERE enrolled_at IS NOT NULL GROUP BY user_id`);
    await q(`INSERT INTO report_sign_in_days (day, country, user_id, sign_ins)
      SELECT DATE(signed_in_at), COALESCE(country, ''), user_id, COUNT(*) FROM sign_ins GROUP BY 1, 2, 3`);
    await q(`INSERT INTO report_sign_in_months (month, country, user_id, sign_ins)
      SELECT DATE_FORMAT(signed_in_at, '%Y-%m'), COALESCE(country, ''), user_id, COUNT(*) FROM sign_ins GROUP BY 1, 2, 3`);
    await q(`INSERT INTO report_active_days (day, country, users)
      SELECT day, country, COUNT(*) FROM report_sign_in_days GROUP BY day, country`);
    await q(`INSERT INTO report_active_months (month, country, users)
      SELECT month, country, COUNT(*) FROM report_sign_in_months GROUP BY month, country`);
    // One report_learning row's share of the counters, added (sign 1) or taken away (sign -1).
    await q(`CREATE PROCEDURE \`report_learning_count\`(IN p_course char(36), IN p_country char(2), IN p_enrolled datetime(3),
        IN p_completion varchar(16), IN p_success varchar(16), IN p_score decimal(6,5), IN p_completed datetime(3),
        IN p_time decimal(16,2), IN p_attempts int, IN p_sign int)
      BEGIN
        DECLARE v_started int DEFAULT p_sign * (p_completion IN ('incomplete', 'completed'));
        DECLARE v_progress int DEFAULT p_sign * (p_completion = 'incomplete');
        DECLARE v_completed int DEFAULT p_sign * (p_completion = 'completed');
        DECLARE v_passed int DEFAULT p_sign * (p_success = 'passed');
        DECLARE v_failed int DEFAULT p_sign * (p_success = 'failed');
        DECLARE v_score decimal(20,5) DEFAULT p_sign * COALESCE(p_score, 0);
        DECLARE v_scores int DEFAULT p_sign * (p_score IS NOT NULL);
        DECLARE v_time decimal(22,2) DEFAULT IF(p_attempts > 0, p_sign * p_time, 0);
        DECLARE v_launched int DEFAULT p_sign * (p_attempts > 0);
        IF p_country IS NOT NULL AND p_enrolled IS NOT NULL THEN
          SET v_started = COALESCE(v_started, 0), v_progress = COALESCE(v_progress, 0), v_completed = COALESCE(v_completed, 0),
            v_passed = COALESCE(v_passed, 0), v_failed = COALESCE(v_failed, 0);
          INSERT INTO report_course_days VALUES (DATE(p_enrolled), p_course, p_sign, v_started, v_progress, v_completed,
              v_passed, v_failed, v_score, v_scores, v_time, v_launched)
            ON DUPLICATE KEY UPDATE enrolments = enrolments + p_sign, started = started + v_started,
              in_progress = in_progress + v_progress, completions = completions + v_completed, passed = passed + v_passed,
              failed = failed + v_failed, score_sum = score_sum + v_score, scores = scores + v_scores,
              time_sum = time_sum + v_time, launched = launched + v_launched;
          INSERT INTO report_course_months VALUES (DATE_FORMAT(p_enrolled, '%Y-%m'), p_course, p_sign, v_started, v_progress,
              v_completed, v_passed, v_failed, v_score, v_scores, v_time, v_launched)
            ON DUPLICATE KEY UPDATE enrolments = enrolments + p_sign, started = started + v_started,
              in_progress = in_progress + v_progress, completions = completions + v_completed, passed = passed + v_passed,
              failed = failed + v_failed, score_sum = score_sum + v_score, scores = scores + v_scores,
              time_sum = time_sum + v_time, launched = launched + v_launched;
          INSERT INTO report_country_days VALUES (DATE(p_enrolled), p_country, p_sign, v_started, v_completed, v_passed, 0)
            ON DUPLICATE KEY UPDATE enrolments = enrolments + p_sign, started = started + v_started,
              completions = completions + v_completed, passed = passed + v_passed;
          INSERT INTO report_country_months VALUES (DATE_FORMAT(p_enrolled, '%Y-%m'), p_country, p_sign, v_started,
              v_completed, v_passed, 0)
            ON DUPLICATE KEY UPDATE enrolments = enrolments + p_sign, started = started + v_started,
              completions = completions + v_completed, passed = passed + v_passed;
        END IF;
        IF p_country IS NOT NULL AND p_completion = 'completed' AND p_completed IS NOT NULL THEN
          INSERT INTO report_country_days (day, country, completed) VALUES (DATE(p_completed), p_country, p_sign)
            ON DUPLICATE KEY UPDATE completed = completed + p_sign;
          INSERT INTO report_country_months (month, country, completed) VALUES (DATE_FORMAT(p_completed, '%Y-%m'), p_country, p_sign)
            ON DUPLICATE KEY UPDATE completed = completed + p_sign;
        END IF;
      END`);
    await q(`CREATE PROCEDURE \`report_learner_refresh\`(IN p_user char(36))
      BEGIN
        DELETE FROM report_learners WHERE user_id = p_user COLLATE utf8mb4_unicode_ci;
        INSERT INTO report_learners SELECT user_id, MAX(country), MIN(enrolled_at), MAX(enrolled_at)
          FROM report_learning WHERE user_id = p_user COLLATE utf8mb4_unicode_ci AND enrolled_at IS NOT NULL GROUP BY user_id;
      END`);
    await q(`CREATE TRIGGER \`TR_report_learning_ins\` AFTER INSERT ON \`report_learning\` FOR EACH ROW
      BEGIN
        CALL report_learning_count(NEW.course_id, NEW.country, NEW.enrolled_at, NEW.completion_status, NEW.success_status,
        NEW.score_scaled, NEW.completed_at, NEW.time_seconds, NEW.attempts, 1);
        IF NEW.enrolled_at IS NOT NULL THEN
          CALL report_learner_refresh(NEW.user_id);
        END IF;
      END`);
    await q(`CREATE TRIGGER \`TR_report_learning_del\` AFTER DELETE ON \`report_learning\` FOR EACH ROW
      BEGIN
        CALL report_learning_count(OLD.course_id, OLD.country, OLD.enrolled_at, OLD.completion_status, OLD.success_status,
        OLD.score_scaled, OLD.completed_at, OLD.time_seconds, OLD.attempts, -1);
        IF OLD.enrolled_at IS NOT NULL THEN
          CALL report_learner_refresh(OLD.user_id);
        END IF;
      END`);
    // A commit that only adds time touches the two course counters, not the rest.
    await q(`CREATE TRIGGER \`TR_report_learning_upd\` AFTER UPDATE ON \`report_learning\` FOR EACH ROW
      BEGIN
        IF NOT (NEW.country <=> OLD.country AND NEW.enrolled_at <=> OLD.enrolled_at
            AND NEW.completion_status <=> OLD.completion_status AND NEW.success_status <=> OLD.success_status
            AND NEW.score_scaled <=> OLD.score_scaled AND NEW.completed_at <=> OLD.completed_at
            AND (NEW.attempts > 0) = (OLD.attempts > 0)) THEN
          CALL report_learning_count(OLD.course_id, OLD.country, OLD.enrolled_at, OLD.completion_status, OLD.success_status,
            OLD.score_scaled, OLD.completed_at, OLD.time_seconds, OLD.attempts, -1);
          CALL report_learning_count(NEW.course_id, NEW.country, NEW.enrolled_at, NEW.completion_status, NEW.success_status,
            NEW.score_scaled, NEW.completed_at, NEW.time_seconds, NEW.attempts, 1);
          IF NOT (NEW.country <=> OLD.country AND NEW.enrolled_at <=> OLD.enrolled_at) THEN
            CALL report_learner_refresh(NEW.user_id);
          END IF;
        ELSEIF NEW.time_seconds <> OLD.time_seconds AND NEW.country IS NOT NULL AND NEW.enrolled_at IS NOT NULL
            AND NEW.attempts > 0 THEN
          UPDATE report_course_days SET time_sum = time_sum + NEW.time_seconds - OLD.time_seconds
            WHERE day = DATE(NEW.enrolled_at) AND course_id = NEW.course_id;
          UPDATE report_course_months SET time_sum = time_sum + NEW.time_seconds - OLD.time_seconds
            WHERE month = DATE_FORMAT(NEW.enrolled_at, '%Y-%m') AND course_id = NEW.course_id;
        END IF;
      END`);

    // Enrolments: a row appears (or gains its enrolment) and goes when neither is left.
    await q(`CREATE TRIGGER \`TR_enrolments_report_ins\` AFTER INSERT ON \`enrolments\` FOR EACH ROW
      INSERT INTO report_learning (course_id, user_id, country, enrolled_at, time_seconds, attempts)
      VALUES (NEW.course_id, NEW.user_id, ${LEARNING_VALUES}, NEW.created_at,
        (SELECT COALESCE(SUM(a.total_seconds), 0) FROM attempts a WHERE a.user_id = NEW.user_id AND a.course_id = NEW.course_id),
        (SELECT COUNT(*) FROM attempts a WHERE a.user_id = NEW.user_id AND a.course_id = NEW.course_id))
      ON DUPLICATE KEY UPDATE enrolled_at = NEW.created_at`);
    await q(`CREATE TRIGGER \`TR_enrolments_report_upd\` AFTER UPDATE ON \`enrolments\` FOR EACH ROW
      UPDATE report_learning SET enrolled_at = NEW.created_at WHERE course_id = NEW.course_id AND user_id = NEW.user_id`);
    await q(`CREATE TRIGGER \`TR_enrolments_report_del\` AFTER DELETE ON \`enrolments\` FOR EACH ROW
      BEGIN
        UPDATE report_learning SET enrolled_at = NULL WHERE course_id = OLD.course_id AND user_id = OLD.user_id;
        DELETE FROM report_learning WHERE course_id = OLD.course_id AND user_id = OLD.user_id
          AND enrolled_at IS NULL AND completion_status IS NULL;
      END`);

    // Course results.
    await q(`CREATE TRIGGER \`TR_course_results_report_ins\` AFTER INSERT ON \`course_results\` FOR EACH ROW
      INSERT INTO report_learning (course_id, user_id, country, completion_status, success_status, score_scaled, completed_at)
      VALUES (NEW.course_id, NEW.user_id, ${LEARNING_VALUES}, NEW.completion_status, NEW.success_status,
        NEW.score_scaled, NEW.completed_at)
      ON DUPLICATE KEY UPDATE completion_status = NEW.completion_status, success_status = NEW.success_status,
        score_scaled = NEW.score_scaled, completed_at = NEW.completed_at`);
    await q(`CREATE TRIGGER \`TR_course_results_report_upd\` AFTER UPDATE ON \`course_results\` FOR EACH ROW
      UPDATE report_learning SET completion_status = NEW.completion_status, success_status = NEW.success_status,
        score_scaled = NEW.score_scaled, completed_at = NEW.completed_at
      WHERE course_id = NEW.course_id AND user_id = NEW.user_id`);
    await q(`CREATE TRIGGER \`TR_course_results_report_del\` AFTER DELETE ON \`course_results\` FOR EACH ROW
      BEGIN
        UPDATE report_learning SET completion_status = NULL, success_status = NULL, score_scaled = NULL, completed_at = NULL
          WHERE course_id = OLD.course_id AND user_id = OLD.user_id;
        DELETE FROM report_learning WHERE course_id = OLD.course_id AND user_id = OLD.user_id
          AND enrolled_at IS NULL AND completion_status IS NULL;
      END`);

    // Attempts (an attempt belongs to an enrolment, so its row exists): inserts and deletions only.
    // No trigger on UPDATE of attempts: launch and commit read what their one UPDATE did from the OK
    // packet's insert id (LAST_INSERT_ID(expr): the new session number, whether the status changed),
    // and MariaDB answers 0 there whenever a trigger fires on the updated table. The time a commit
    // adds reaches report_learning through the job the commit queues (refreshLearnerTime).
    await q(`CREATE TRIGGER \`TR_attempts_report_ins\` AFTER INSERT ON \`attempts\` FOR EACH ROW
      UPDATE report_learning SET time_seconds = time_seconds + NEW.total_seconds, attempts = attempts + 1
      WHERE course_id = NEW.course_id AND user_id = NEW.user_id`);
    await q(`CREATE TRIGGER \`TR_attempts_report_del\` AFTER DELETE ON \`attempts\` FOR EACH ROW
      UPDATE report_learning SET time_seconds = time_seconds - OLD.total_seconds, attempts = attempts - 1
      WHERE course_id = OLD.course_id AND user_id = OLD.user_id`);

    // A learner who moves country takes their rows along (sign-ins keep the country they were made in).
    await q(`CREATE TRIGGER \`TR_users_report_country\` AFTER UPDATE ON \`users\` FOR EACH ROW
      BEGIN
        IF NOT (NEW.country <=> OLD.country) THEN
          UPDATE report_learning SET country = NEW.country WHERE user_id = NEW.id;
        END IF;
      END`);

    // Sign-ins: the first of a user in a day (month) and country counts them as active in it.
    // The row's `sign_ins` counts this officer's sign-ins in the day (month); the first one (1, read
    // back under the row lock the upsert took) counts them as active.
    await q(`CREATE TRIGGER \`TR_sign_ins_report_ins\` AFTER INSERT ON \`sign_ins\` FOR EACH ROW
      BEGIN
        DECLARE v_day date DEFAULT DATE(NEW.signed_in_at);
        DECLARE v_month char(7) DEFAULT DATE_FORMAT(NEW.signed_in_at, '%Y-%m');
        DECLARE v_country char(2) DEFAULT COALESCE(NEW.country, '');
        DECLARE v_seen int DEFAULT 0;
        INSERT INTO report_sign_in_days (day, country, user_id, sign_ins) VALUES (v_day, v_country, NEW.user_id, 1)
          ON DUPLICATE KEY UPDATE sign_ins = sign_ins + 1;
        SELECT sign_ins INTO v_seen FROM report_sign_in_days
          WHERE day = v_day AND country = v_country COLLATE utf8mb4_unicode_ci AND user_id = NEW.user_id;
        IF v_seen = 1 THEN
          INSERT INTO report_active_days (day, country, users) VALUES (v_day, v_country, 1)
            ON DUPLICATE KEY UPDATE users = users + 1;
        END IF;
        INSERT INTO report_sign_in_months (month, country, user_id, sign_ins) VALUES (v_month, v_country, NEW.user_id, 1)
          ON DUPLICATE KEY UPDATE sign_ins = sign_ins + 1;
        SELECT sign_ins INTO v_seen FROM report_sign_in_months
          WHERE month = v_month COLLATE utf8mb4_unicode_ci AND country = v_country COLLATE utf8mb4_unicode_ci
            AND user_id = NEW.user_id;
        IF v_seen = 1 THEN
          INSERT INTO report_active_months (month, country, users) VALUES (v_month, v_country, 1)
            ON DUPLICATE KEY UPDATE users = users + 1;
        END IF;
      END`);
    // A purged sign-in leaves the counts as if it had never been recorded.
    await q(`CREATE TRIGGER \`TR_sign_ins_report_del\` AFTER DELETE ON \`sign_ins\` FOR EACH ROW
      BEGIN
        DECLARE v_day date DEFAULT DATE(OLD.signed_in_at);
        DECLARE v_month char(7) DEFAULT DATE_FORMAT(OLD.signed_in_at, '%Y-%m');
        DECLARE v_country char(2) DEFAULT COALESCE(OLD.country, '');
        DECLARE v_left int DEFAULT NULL;
        UPDATE report_sign_in_days SET sign_ins = sign_ins - 1
          WHERE day = v_day AND country = v_country COLLATE utf8mb4_unicode_ci AND user_id = OLD.user_id;
        SELECT sign_ins INTO v_left FROM report_sign_in_days
          WHERE day = v_day AND country = v_country COLLATE utf8mb4_unicode_ci AND user_id = OLD.user_id;
        IF v_left = 0 THEN
          DELETE FROM report_sign_in_days
            WHERE day = v_day AND country = v_country COLLATE utf8mb4_unicode_ci AND user_id = OLD.user_id;
          UPDATE report_active_days SET users = users - 1
            WHERE day = v_day AND country = v_country COLLATE utf8mb4_unicode_ci;
        END IF;
        SET v_left = NULL;
        UPDATE report_sign_in_months SET sign_ins = sign_ins - 1
          WHERE month = v_month COLLATE utf8mb4_unicode_ci AND country = v_country COLLATE utf8mb4_unicode_ci
            AND user_id = OLD.user_id;
        SELECT sign_ins INTO v_left FROM report_sign_in_months
          WHERE month = v_month COLLATE utf8mb4_unicode_ci AND country = v_country COLLATE utf8mb4_unicode_ci
            AND user_id = OLD.user_id;
        IF v_left = 0 THEN
          DELETE FROM report_sign_in_months
            WHERE month = v_month COLLATE utf8mb4_unicode_ci AND country = v_country COLLATE utf8mb4_unicode_ci
              AND user_id = OLD.user_id;
          UPDATE report_active_months SET users = users - 1
            WHERE month = v_month COLLATE utf8mb4_unicode_ci AND country = v_country COLLATE utf8mb4_unicode_ci;
        END IF;
      END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const trigger of [
      'TR_enrolments_report_ins',
      'TR_enrolments_report_upd',
      'TR_enrolments_report_del',
      'TR_course_results_report_ins',
      'TR_course_results_report_upd',
      'TR_course_results_report_del',
      'TR_attempts_report_ins',
      'TR_attempts_report_del',
      'TR_users_report_country',
      'TR_sign_ins_report_ins',
      'TR_sign_ins_report_del',
      'TR_report_learning_ins',
      'TR_report_learning_upd',
      'TR_report_learning_del',
    ]) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS \`${trigger}\``);
    }
    await queryRunner.query('DROP PROCEDURE IF EXISTS `report_learning_count`');
    await queryRunner.query('DROP PROCEDURE IF EXISTS `report_learner_refresh`');
    for (const table of [
      'report_learners',
      'report_country_months',
      'report_country_days',
      'report_course_months',
      'report_course_days',
      'report_active_months',
      'report_sign_in_months',
      'report_active_days',
      'report_sign_in_days',
      'report_learning',
    ]) {
      await queryRunner.query(`DROP TABLE \`${table}\``);
    }
  }
}
