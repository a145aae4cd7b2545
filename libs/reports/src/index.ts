export * from './reports.module';
export * from './services/reports.service';
export * from './services/learner-export';
export * from './dto/report-query.dto';
export * from './dto/report-views.dto';
export * from './dto/secretariat-views.dto';
export * from './regions/wco-regions';
