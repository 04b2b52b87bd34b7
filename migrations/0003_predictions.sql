CREATE TABLE "lead_predictions" (
	"workspace_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"model_id" text NOT NULL,
	"probability" real NOT NULL,
	"factors" jsonb NOT NULL,
	"scored_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lead_predictions_workspace_id_lead_id_pk" PRIMARY KEY("workspace_id","lead_id")
);
--> statement-breakpoint
ALTER TABLE "lead_predictions" ADD CONSTRAINT "lead_predictions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_predictions" ADD CONSTRAINT "lead_predictions_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_predictions" ADD CONSTRAINT "lead_predictions_model_id_predictive_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."predictive_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_predictions_model_idx" ON "lead_predictions" USING btree ("workspace_id","model_id");