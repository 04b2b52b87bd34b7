CREATE TABLE "predictive_models" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"status" text NOT NULL,
	"model" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"trained_on" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "score_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"fit" real NOT NULL,
	"engagement" real NOT NULL,
	"total" real NOT NULL,
	"previous_total" real NOT NULL,
	"contributions" jsonb NOT NULL,
	"cause" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scoring_grids" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "predictive_models" ADD CONSTRAINT "predictive_models_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_changes" ADD CONSTRAINT "score_changes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_grids" ADD CONSTRAINT "scoring_grids_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "predictive_models_workspace_idx" ON "predictive_models" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "score_changes_lead_idx" ON "score_changes" USING btree ("workspace_id","lead_id","created_at");