CREATE TABLE "bant_values" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"field" text NOT NULL,
	"value" jsonb NOT NULL,
	"confidence" real NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"actor" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qualification_settings" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"need_categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"icp_fit_min_score" real DEFAULT 30 NOT NULL,
	"is_auto_lifecycle" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "bant_values" ADD CONSTRAINT "bant_values_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bant_values" ADD CONSTRAINT "bant_values_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualification_settings" ADD CONSTRAINT "qualification_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bant_values_lead_idx" ON "bant_values" USING btree ("workspace_id","lead_id","field","recorded_at");