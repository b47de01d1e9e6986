-- [anti-leak] The payroll export and an import's error report go through the export gate: an approval request may name them.
ALTER TABLE "export_requests" DROP CONSTRAINT "export_requests_entity_check";--> statement-breakpoint
ALTER TABLE "export_requests" ADD CONSTRAINT "export_requests_entity_check" CHECK ("export_requests"."entity" in ('companies', 'deals', 'report', 'payroll', 'import_errors'));
