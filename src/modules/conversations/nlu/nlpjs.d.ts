// nlp.js ships no type declarations: these cover only the part the intent classifier uses.
declare module '@nlpjs/basic' {
  interface NlpClassification {
    intent: string;
    score: number;
  }
  interface NluResult {
    intent: string;
    score: number;
    classifications: NlpClassification[];
  }
  interface NlpContainer {
    use(plugin: unknown): unknown;
    register(name: string, value: unknown, isSingleton?: boolean): void;
    registerConfiguration(tag: string, configuration: Record<string, unknown>, overwrite?: boolean): void;
  }
  interface NlpInstance {
    nluManager: { process(locale: string, utterance: string): Promise<NluResult> };
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
  }
  const basic: {
    Container: new () => NlpContainer;
    Nlp: new (settings: Record<string, unknown>) => NlpInstance;
    ArrToObj: unknown;
    Normalizer: unknown;
    ObjToArr: unknown;
    Stemmer: unknown;
    Stopwords: unknown;
    Tokenizer: unknown;
    Timer: unknown;
    MemoryStorage: unknown;
  };
  export default basic;
}

declare module '@nlpjs/lang-fr' {
  const fr: { LangFr: unknown };
  export default fr;
}

declare module '@nlpjs/lang-en' {
  const en: { LangEn: unknown };
  export default en;
}
